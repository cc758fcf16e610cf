import type { EInvoiceService } from '@hub/contracts';
import type { OperatorAdapter, ServiceRegistrationOutcome } from '../operator-adapter.port';

interface SandboxReply {
  results?: { service: string; status: string; message: string }[];
  error?: string;
}

/** Adapter for the sandbox operator; the template for real operator adapters. */
export class SandboxOperatorAdapter implements OperatorAdapter {
  readonly code = 'sandbox';
  readonly name = 'Sandbox operator';

  constructor(
    private readonly baseUrl: () => string,
    private readonly timeoutMs: number,
  ) {}

  async register(key: string, services: EInvoiceService[]): Promise<ServiceRegistrationOutcome[]> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl()}/api/v1/services/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ services }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return services.map((service) => ({ service, active: false, message: `Operator could not be reached: ${reason}` }));
    }
    const body = (await response.json().catch(() => ({}))) as SandboxReply;
    if (!response.ok) {
      const message = body.error ?? `Operator answered HTTP ${response.status}`;
      return services.map((service) => ({ service, active: false, message }));
    }
    return services.map((service) => {
      const result = body.results?.find((r) => r.service === service);
      return result
        ? { service, active: result.status === 'ACTIVE', message: result.message }
        : { service, active: false, message: 'Operator did not answer for this service' };
    });
  }
}
