import { IsBoolean, IsInt, Matches } from 'class-validator';
import { EnvBoolean } from './config/env-boolean';
import { Type } from 'class-transformer';
import { ApiTokens, mayActFor } from './auth/api-tokens';
import { ConfigError, loadEnv } from './config/load-env';
import { ServiceEnv } from './config/service-env';
import { CredentialCipher, maskSecret } from './crypto/credential-cipher';
import { childTrace, parseTraceparent } from './logging/trace-context';
import { createLogger } from './logging/logger';
import { runWithContext } from './logging/request-context';

class SampleEnv {
  @Matches(/^nats:\/\//)
  NATS_URL = 'nats://127.0.0.1:4222';

  @Type(() => Number)
  @IsInt()
  PORT!: number;
}

describe('loadEnv', () => {
  it('names every missing or malformed variable without echoing values', () => {
    try {
      loadEnv(SampleEnv, { NATS_URL: 'http://secret-host' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT is missing');
      expect(message).toContain('NATS_URL has an invalid value');
      expect(message).not.toContain('secret-host');
    }
  });

  it('accepts the shared service env with only the required variables (what npm start passes)', () => {
    const env = loadEnv(ServiceEnv, { API_TOKENS: 'dev-0123456789abcdef=*' });
    expect(env).toMatchObject({ PORT: 3100, NATS_URL: 'nats://127.0.0.1:4222', LOG_LEVEL: 'info' });
    expect(env.MESSAGING_PREFIX).toBeUndefined();
  });

  it('converts and keeps defaults', () => {
    expect(loadEnv(SampleEnv, { PORT: '3101' })).toMatchObject({ PORT: 3101, NATS_URL: 'nats://127.0.0.1:4222' });
  });
});

class FlagEnv {
  @EnvBoolean()
  @IsBoolean()
  ENABLED = true;
}

describe('EnvBoolean', () => {
  it("reads 'false' as false and refuses nonsense", () => {
    expect(loadEnv(FlagEnv, { ENABLED: 'false' }).ENABLED).toBe(false);
    expect(loadEnv(FlagEnv, { ENABLED: '1' }).ENABLED).toBe(true);
    expect(loadEnv(FlagEnv, {}).ENABLED).toBe(true);
    expect(() => loadEnv(FlagEnv, { ENABLED: 'maybe' })).toThrow(/ENABLED has an invalid value/);
  });
});

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(Buffer.alloc(32, 1).toString('base64'));

  it('round-trips, with a fresh IV each time', () => {
    const a = cipher.encrypt('operator-key', 'company-a');
    expect(a).not.toBe(cipher.encrypt('operator-key', 'company-a'));
    expect(a).not.toContain('operator-key');
    expect(cipher.decrypt(a, 'company-a')).toBe('operator-key');
  });

  it('refuses a ciphertext moved to another company or tampered with', () => {
    const sealed = cipher.encrypt('operator-key', 'company-a');
    expect(() => cipher.decrypt(sealed, 'company-b')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'company-a')).toThrow();
  });

  it('rejects a key of the wrong size', () => {
    expect(() => new CredentialCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('masks all but the last four characters', () => {
    expect(maskSecret('sandbox-demo-key')).toBe('************-key');
    // Shorter secrets show nothing of themselves, not even their length.
    expect(maskSecret('abc')).toBe('************');
    expect(maskSecret('short-secret-15')).toBe('************');
  });
});

describe('ApiTokens', () => {
  const tokens = new ApiTokens('token-a-0123456789abcdef=company-a,company-c;admin-0123456789abcdef=*');

  it('scopes tokens to companies', () => {
    const a = tokens.resolve('token-a-0123456789abcdef');
    expect(a && mayActFor(a, 'company-a')).toBe(true);
    expect(a && mayActFor(a, 'company-b')).toBe(false);
    const admin = tokens.resolve('admin-0123456789abcdef');
    expect(admin && mayActFor(admin, 'anything')).toBe(true);
    expect(tokens.resolve('unknown')).toBeUndefined();
    expect(tokens.resolve(undefined)).toBeUndefined();
  });
});

describe('logging', () => {
  it('writes JSON with company and trace id, and never the secrets', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', { write: (l: string) => lines.push(l) });
    const trace = childTrace();
    runWithContext({ companyId: 'company-a', traceId: trace.traceId }, () => {
      logger.info({ request: { apiKey: 'k-123', password: 'p-456' }, authorization: 'Bearer x' }, 'hello');
    });
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ service: 'test', companyId: 'company-a', traceId: trace.traceId, msg: 'hello' });
    expect(lines[0]).not.toContain('k-123');
    expect(lines[0]).not.toContain('p-456');
    expect(lines[0]).not.toContain('Bearer x');
  });

  it('continues a W3C trace', () => {
    const parent = childTrace();
    const child = childTrace(parent.traceparent);
    expect(child.traceId).toBe(parent.traceId);
    expect(child.spanId).not.toBe(parent.spanId);
    expect(parseTraceparent('garbage')).toBeUndefined();
  });
});
