import { snakeCase } from './snake-naming.strategy';
import { quoteIdent } from './data-source-options';

describe('naming', () => {
  it('snake-cases class and property names', () => {
    expect(snakeCase('OutboxMessage')).toBe('outbox_message');
    expect(snakeCase('companyId')).toBe('company_id');
    expect(snakeCase('HTTPRequestLog')).toBe('http_request_log');
  });

  it('refuses unsafe identifiers', () => {
    expect(quoteIdent('operator_gateway')).toBe('"operator_gateway"');
    expect(() => quoteIdent('x"; DROP TABLE y; --')).toThrow();
  });
});
