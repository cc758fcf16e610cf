/**
 * Maps the logical names in the topology to the names on the server. With a prefix
 * (tests, or several hubs on one NATS), `gateway.x.y.v1` becomes `p.gateway.x.y.v1`,
 * stream `GATEWAY` becomes `P_GATEWAY`: runs never see each other's messages.
 */
export class MessagingNamespace {
  constructor(readonly prefix = '') {
    if (prefix && !/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`Bad messaging prefix: ${prefix}`);
  }

  subject(base: string): string {
    return this.prefix ? `${this.prefix}.${base}` : base;
  }

  baseSubject(actual: string): string {
    return this.prefix && actual.startsWith(`${this.prefix}.`) ? actual.slice(this.prefix.length + 1) : actual;
  }

  stream(name: string): string {
    return this.prefix ? `${this.prefix.toUpperCase()}_${name}` : name;
  }

  durable(base: string): string {
    return this.prefix ? `${this.prefix}_${base}` : base;
  }

  queueGroup(service: string): string {
    return this.prefix ? `${this.prefix}_${service}` : service;
  }
}
