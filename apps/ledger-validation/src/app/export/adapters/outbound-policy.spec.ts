import type { LookupAddress } from 'node:dns';
import { classifyAddress, joinBaseUrl, OutboundPolicy, OutboundRefused, parseHostList } from './outbound-policy';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['169.253.1.1', 'public'],
    ['192.0.1.1', 'public'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['100::1', 'reserved'],
    ['[::1]', 'loopback'],
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['fbff::1', 'public'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:100.64.1.1', 'shared (CGNAT)'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['::127.0.0.1', 'loopback'], // IPv4-compatible (deprecated)
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64 to 169.254.169.254
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::1', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:0808:0808::1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
  ])('IPv4 in IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['', 'localhost', '127.1', '1.2.3.256', '::ffff:1.2.3', 'fe80::1::2', '12345::'])('%j is invalid (refused)', (address) => {
    expect(classifyAddress(address)).toBe('invalid');
  });
});

describe('URLs a company supplies', () => {
  it('appends the path to a base URL, whatever trailing slashes it has', () => {
    expect(joinBaseUrl('https://sap.example.com:50000', '/b1s/v1')).toBe('https://sap.example.com:50000/b1s/v1');
    expect(joinBaseUrl('https://sap.example.com:50000/sl//', '/b1s/v1')).toBe('https://sap.example.com:50000/sl/b1s/v1');
  });

  it.each([
    ['https://sap.example.com/?', /no query/],
    ['https://sap.example.com/?x=1', /no query/],
    ['https://sap.example.com/#', /no query/],
    ['https://sap.example.com/x#frag', /fragment/],
    ['https://user:pass@sap.example.com', /user name or password/],
    ['https://user@sap.example.com', /user name or password/],
    ['ftp://sap.example.com', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['not a url', /not valid/],
  ])('refuses %s as a base URL', (base, message) => {
    expect(() => joinBaseUrl(base, '/b1s/v1')).toThrow(OutboundRefused);
    expect(() => joinBaseUrl(base, '/b1s/v1')).toThrow(message);
  });

  it('reads EXPORT_ALLOWED_PRIVATE_HOSTS: trimmed, lower case, IPv6 without brackets and normalised', () => {
    expect(parseHostList(' 127.0.0.1, LocalHost ,,[::1], sap.internal. ')).toEqual(['127.0.0.1', 'localhost', '::1', 'sap.internal']);
    expect(parseHostList('')).toEqual([]);
    expect(parseHostList(undefined)).toEqual([]);
    expect(new OutboundPolicy(['0:0:0:0:0:0:0:1']).isAllowListed('[::1]')).toBe(true);
  });
});

describe('OutboundPolicy', () => {
  const resolving =
    (answers: Record<string, string[]>) =>
    async (hostname: string): Promise<LookupAddress[]> => {
      const list = answers[hostname];
      if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const lookup = (policy: OutboundPolicy, hostname: string, all: boolean, family = 0): Promise<unknown> =>
    new Promise((resolve, reject) => {
      policy.lookup(hostname, { all, family }, (error, address, fam) => (error ? reject(error) : resolve(all ? address : { address, family: fam })));
    });
  const answers = {
    'ledger.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
    'rebind.example.com': ['93.184.216.34', '10.0.0.5'],
    'v6-private.example.com': ['93.184.216.34', 'fd00::5'],
    'metadata.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
    'sap.internal': ['10.1.2.3'],
  };

  it('resolves a host whose every address is public, in the shape the socket asked for', async () => {
    const policy = new OutboundPolicy([], resolving(answers));
    await expect(lookup(policy, 'ledger.example.com', true)).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    await expect(lookup(policy, 'ledger.example.com', false)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(lookup(policy, 'ledger.example.com', false, 6)).resolves.toEqual({ address: '2606:2800:220:1::1', family: 6 });
  });

  it.each([
    ['rebind.example.com', 'a private address'],
    ['v6-private.example.com', 'a private address'],
    ['metadata.example.com', 'a link-local address'],
    ['mapped.example.com', 'a loopback address'],
  ])('refuses %s: one of its addresses is not public (%s), whichever family the socket asked for', async (host, what) => {
    const policy = new OutboundPolicy([], resolving(answers));
    for (const family of [0, 4]) {
      const refused = lookup(policy, host, false, family);
      await expect(refused).rejects.toBeInstanceOf(OutboundRefused);
      await expect(refused).rejects.toThrow(`${host} resolves to ${what}`);
    }
  });

  it('does not name the private address in the refusal', async () => {
    const policy = new OutboundPolicy([], resolving(answers));
    await expect(lookup(policy, 'sap.internal', true)).rejects.toThrow(/^((?!10\.1\.2\.3).)*$/);
  });

  it('lets allow-listed hosts through, and only them', async () => {
    const policy = new OutboundPolicy(['sap.internal', '127.0.0.1'], resolving(answers));
    await expect(lookup(policy, 'sap.internal', false)).resolves.toEqual({ address: '10.1.2.3', family: 4 });
    await expect(lookup(policy, 'metadata.example.com', false)).rejects.toBeInstanceOf(OutboundRefused);
    expect(() => policy.agentFor(new URL('http://127.0.0.1:8080/token'))).not.toThrow();
    expect(() => policy.agentFor(new URL('http://127.0.0.2:8080/token'))).toThrow('127.0.0.2 is a loopback address');
  });

  it('checks IP literals before connecting (sockets do not resolve them)', () => {
    const policy = new OutboundPolicy([]);
    expect(() => policy.agentFor(new URL('http://169.254.169.254/latest/meta-data'))).toThrow('169.254.169.254 is a link-local address');
    expect(() => policy.agentFor(new URL('http://[::ffff:127.0.0.1]:8080/'))).toThrow('::ffff:7f00:1 is a loopback address');
    expect(() => policy.agentFor(new URL('http://0x7f.1/'))).toThrow('127.0.0.1 is a loopback address');
    expect(() => policy.agentFor(new URL('http://2130706433/'))).toThrow('127.0.0.1 is a loopback address');
    expect(() => policy.agentFor(new URL('http://[fe80::1]/'))).toThrow('fe80::1 is a link-local address');
    expect(() => policy.agentFor(new URL('https://8.8.8.8/'))).not.toThrow();
    expect(() => policy.agentFor(new URL('https://u:p@ledger.example.com/'))).toThrow(/user name or password/);
    expect(() => policy.agentFor(new URL('gopher://ledger.example.com/'))).toThrow(/only http and https/);
  });
});
