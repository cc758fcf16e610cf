import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { CredentialCipher, fieldErrors, maskSecret } from '@hub/platform';
import { EXPORT_TARGETS, type ExportTarget, type TargetCredentials } from '../adapters/ledger-export-adapter.port';
import { ExportCredential } from './export-credential.entity';
import { CREDENTIAL_DTOS, type ExportCredentialsView, SECRET_FIELDS } from './export-credentials.dto';

/**
 * Stores each company's credentials per target encrypted (AES-256-GCM, bound to company
 * and target), shows them masked, and hands them in clear only to an adapter call.
 */
@Injectable()
export class ExportCredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
  ) {}

  async set(companyId: string, target: string, body: unknown): Promise<ExportCredentialsView> {
    const t = assertTarget(target);
    const dtoClass: new () => object = CREDENTIAL_DTOS[t];
    const dto = plainToInstance(dtoClass, body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields: fieldErrors(errors) });
    }
    const plain = { ...dto } as Record<string, unknown>;
    const row = Object.assign(new ExportCredential(), {
      companyId,
      target: t,
      encryptedCredentials: this.cipher.encrypt(JSON.stringify(plain), aad(companyId, t)),
      masked: mask(t, plain),
      updatedAt: new Date(),
    });
    await this.dataSource.getRepository(ExportCredential).save(row);
    return { target: t, credentials: row.masked, updatedAt: row.updatedAt.toISOString() };
  }

  async getMasked(companyId: string, target: string): Promise<ExportCredentialsView> {
    const t = assertTarget(target);
    const row = await this.dataSource.getRepository(ExportCredential).findOneBy({ companyId, target: t });
    if (!row) throw new NotFoundException(`No ${t} credentials are stored for this company`);
    return { target: t, credentials: row.masked, updatedAt: row.updatedAt.toISOString() };
  }

  async remove(companyId: string, target: string): Promise<void> {
    const t = assertTarget(target);
    await this.dataSource.getRepository(ExportCredential).delete({ companyId, target: t });
  }

  /** The clear credentials for an adapter call; undefined when none are stored. */
  async reveal(companyId: string, target: ExportTarget, manager: EntityManager = this.dataSource.manager): Promise<TargetCredentials | undefined> {
    const row = await manager.getRepository(ExportCredential).findOneBy({ companyId, target });
    if (!row) return undefined;
    return this.decrypt(row);
  }

  /**
   * Changes stored credentials (renewed OAuth2 tokens) in one transaction: the row is
   * locked (`SELECT … FOR UPDATE`) and re-read, `change` sees the credentials as stored and
   * returns the fields to replace (undefined: nothing to change; an undefined field is
   * removed); they are encrypted, the masked view is updated, and only then is the lock
   * released. Workers renewing at the same moment thus wait and see the first one's tokens.
   */
  async update(
    companyId: string,
    target: ExportTarget,
    change: (stored: TargetCredentials) => Promise<TargetCredentials | undefined>,
  ): Promise<TargetCredentials | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ExportCredential);
      const row = await repo.findOne({ where: { companyId, target }, lock: { mode: 'pessimistic_write' } });
      if (!row) return undefined;
      const stored = this.decrypt(row);
      const changed = await change(stored);
      if (!changed) return stored;
      const next = Object.fromEntries(Object.entries({ ...stored, ...changed }).filter(([, v]) => v !== undefined));
      await repo.save(
        Object.assign(row, { encryptedCredentials: this.cipher.encrypt(JSON.stringify(next), aad(companyId, target)), masked: mask(target, next), updatedAt: new Date() }),
      );
      return next;
    });
  }

  private decrypt(row: ExportCredential): TargetCredentials {
    return JSON.parse(this.cipher.decrypt(row.encryptedCredentials, aad(row.companyId, row.target))) as TargetCredentials;
  }
}

/** 400 naming the field, for a target the hub has no adapter for. */
export function assertTarget(target: string): ExportTarget {
  if ((EXPORT_TARGETS as readonly string[]).includes(target)) return target as ExportTarget;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    fields: [{ field: 'target', errors: [`target must be one of ${EXPORT_TARGETS.join(', ')}`] }],
  });
}

function mask(target: ExportTarget, plain: Record<string, unknown>): Record<string, unknown> {
  const secrets = SECRET_FIELDS[target] ?? [];
  return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, secrets.includes(k) && typeof v === 'string' ? maskSecret(v) : v]));
}

function aad(companyId: string, target: string): string {
  return `ledger-export:${companyId}:${target}`;
}
