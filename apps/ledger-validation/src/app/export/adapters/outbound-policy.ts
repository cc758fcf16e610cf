import { type LookupAddress, promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** What an IP address is, for the outbound policy: only `public` addresses are called. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'shared (CGNAT)' | 'reserved' | 'invalid';

/**
 * Classifies an IP address (IPv4, IPv6, IPv4-mapped `::ffff:a.b.c.d` in either notation,
 * and the IPv6 forms that embed an IPv4 address: IPv4-compatible `::a.b.c.d`, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`). Anything but `public` is refused by {@link OutboundPolicy}.
 */
export function classifyAddress(address: string): AddressClass {
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const v4 = ipv4Bytes(text);
  if (v4) return classifyV4(v4);
  const v6 = ipv6Bytes(text);
  return v6 ? classifyV6(v6) : 'invalid';
}

function classifyV4([a, b, c]: readonly number[]): AddressClass {
  if (a === undefined || b === undefined || c === undefined) return 'invalid';
  if (a === 0) return 'unspecified'; // 0.0.0.0/8 "this network": 0.0.0.0 reaches the local host
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared (CGNAT)';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved'; // 240/4 and the broadcast address
  // 192.0.0/24 (IETF protocol assignments), 192.0.2/24 (documentation), 198.18/15 (benchmarking)
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
  return 'public';
}

function classifyV6(bytes: readonly number[]): AddressClass {
  const word = (i: number): number => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0);
  const zeroUpTo = (n: number): boolean => bytes.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && bytes[15] === 1) return 'loopback';
  // ::ffff:0:0/96 (mapped) and ::/96 (compatible, deprecated): the embedded IPv4 address decides.
  if (zeroUpTo(10) && word(5) === 0xffff) return classifyV4(bytes.slice(12));
  if (zeroUpTo(12)) return classifyV4(bytes.slice(12));
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address; 64:ff9b:1::/48 is local use.
  if (word(0) === 0x64 && word(1) === 0xff9b && [2, 3, 4, 5].every((i) => word(i) === 0)) return classifyV4(bytes.slice(12));
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return 'private';
  if (word(0) === 0x2002) return classifyV4(bytes.slice(2, 6)); // 6to4
  const first = word(0);
  if ((first & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((first & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site local (deprecated)
  if ((first & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (first === 0x0100 && [1, 2, 3].every((i) => word(i) === 0)) return 'reserved'; // 100::/64 discard
  return 'public';
}

function ipv4Bytes(text: string): number[] | undefined {
  return isIP(text) === 4 ? text.split('.').map(Number) : undefined;
}

function ipv6Bytes(address: string): number[] | undefined {
  const zone = address.indexOf('%');
  let text = zone >= 0 ? address.slice(0, zone) : address;
  if (isIP(text) !== 6) return undefined;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Bytes(tail);
    if (!v4) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  const words = (part: string | undefined): number[] => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const head = words(halves[0]);
  const tailWords = words(halves[1]);
  const all = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - tailWords.length).fill(0), ...tailWords] : head;
  if (all.length !== 8 || all.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return undefined;
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** A tenant-supplied URL or address the export refuses to call; the message is safe to show the tenant. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

/** Every address of a host name (all families), as `dns.lookup(host, { all: true })`. */
export type ResolveAll = (hostname: string) => Promise<readonly LookupAddress[]>;

const systemResolveAll: ResolveAll = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * What the export may call at URLs a company supplies (`tokenUrl`, `serviceLayerUrl`):
 * http(s) only, no `user:pass@`, no fragment, and only hosts whose every address is public.
 * The address check runs when the connection is made ({@link lookup} is the socket's
 * resolver, used through the policy's own keep-alive agents), so a DNS answer that changes
 * after the credentials were stored cannot point the export at the hub's own network.
 * Hosts in `allowedPrivateHosts` (EXPORT_ALLOWED_PRIVATE_HOSTS: exact host names or IP
 * literals, as written in the URL) skip the address check, for contract fakes on loopback.
 */
export class OutboundPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };

  constructor(
    allowedPrivateHosts: readonly string[] = [],
    private readonly resolveAll: ResolveAll = systemResolveAll,
  ) {
    this.allowed = new Set(allowedPrivateHosts.map(normalizeHost).filter((h) => h !== ''));
    this.agents = { 'http:': new http.Agent({ keepAlive: true, lookup: this.lookup }), 'https:': new https.Agent({ keepAlive: true, lookup: this.lookup }) };
  }

  /** The allow-listed hosts as compared (lower case, IPv6 without brackets). */
  get allowedHosts(): readonly string[] {
    return [...this.allowed];
  }

  isAllowListed(hostname: string): boolean {
    return this.allowed.has(normalizeHost(hostname));
  }

  /**
   * Checks a URL before it is called and returns the agent to call it through (whose
   * resolver refuses non-public addresses). An IP literal is checked here, since sockets
   * do not resolve those. Throws {@link OutboundRefused}.
   */
  agentFor(url: URL): http.Agent {
    assertCallableUrl(url);
    const host = normalizeHost(url.hostname);
    if (!this.allowed.has(host) && isIP(host) !== 0) {
      const kind = classifyAddress(host);
      if (kind !== 'public') throw refusal(host, kind);
    }
    return this.agents[url.protocol as 'http:' | 'https:'];
  }

  /**
   * Resolves every address of the host (IPv4 and IPv6, whatever family the socket asked
   * for) and refuses the connection when any of them is not public, unless the host is
   * allow-listed. In the shape `net.connect({ lookup })` calls it.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.check(hostname).then(
      (addresses) => {
        const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = usable[0];
        if (!first) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        } else if (options.all) {
          callback(null, [...usable]);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };

  private async check(hostname: string): Promise<readonly LookupAddress[]> {
    const addresses = await this.resolveAll(hostname);
    if (this.isAllowListed(hostname)) return addresses;
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      // The address itself is not named: it would tell the company how the hub's network resolves names.
      if (kind !== 'public') throw refusal(hostname, kind, true);
    }
    return addresses;
  }
}

/** http(s), no credentials in the URL, no fragment. Throws {@link OutboundRefused}. */
export function assertCallableUrl(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(`only http and https URLs are called, not ${url.protocol.slice(0, 20)}`);
  if (url.username !== '' || url.password !== '') throw new OutboundRefused('URLs with user name or password (user:pass@host) are not called');
  if (url.hash !== '') throw new OutboundRefused('URLs with a fragment (#…) are not called');
}

/**
 * A company's base URL (e.g. `serviceLayerUrl`) with `path` appended: the base must be
 * http(s), without credentials, query or fragment (a `?` or `#` would swallow the path).
 * Throws {@link OutboundRefused}.
 */
export function joinBaseUrl(base: string, path: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new OutboundRefused('the URL is not valid');
  }
  assertCallableUrl(url);
  if (/[?#]/.test(base)) throw new OutboundRefused('a base URL must have no query (?…) or fragment (#…)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The hosts of EXPORT_ALLOWED_PRIVATE_HOSTS: comma-separated, blanks ignored. */
export function parseHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(normalizeHost)
    .filter((h) => h !== '');
}

function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (isIP(h) === 6) {
    try {
      h = new URL(`http://[${h}]/`).hostname.slice(1, -1);
    } catch {
      // Left as written: it then matches nothing.
    }
  }
  return h;
}

function refusal(host: string, kind: AddressClass, resolved = false): OutboundRefused {
  const what = kind === 'invalid' ? 'an address that cannot be checked' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address`;
  return new OutboundRefused(`${host} ${resolved ? 'resolves to' : 'is'} ${what}; exports only go to public internet addresses`);
}
