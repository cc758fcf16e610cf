import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CredentialCipher } from '@hub/platform';
import { OPERATOR_ADAPTERS, type OperatorAdapter } from '../operators/operator-adapter.port';
import { OperatorCredential } from './operator-credential.entity';
import type { OperatorKeyView } from './registration.dto';

/** Keys shorter than this get no hint at all: the last four characters would give away too much of them. */
export const KEY_HINT_MIN_LENGTH = 16;

/** The last four characters of a long key, for recognising it; nothing for a shorter one. */
export function keyHint(key: string): string | null {
  return key.length >= KEY_HINT_MIN_LENGTH ? key.slice(-4) : null;
}

/** Twelve stars whatever the key's length, then the hint when there is one. */
export function maskedKey(hint: string | null): string {
  return `${'*'.repeat(12)}${hint ?? ''}`;
}

/** Stores operator keys encrypted; hands them out only to adapters, masked to everyone else. */
@Injectable()
export class OperatorKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CredentialCipher,
    @Inject(OPERATOR_ADAPTERS) private readonly adapters: Map<string, OperatorAdapter>,
  ) {}

  async setKey(companyId: string, operator: string, key: string): Promise<OperatorKeyView> {
    this.assertOperator(operator);
    const row = {
      companyId,
      operator,
      encryptedKey: this.cipher.encrypt(key, aad(companyId, operator)),
      keyHint: keyHint(key),
      updatedAt: new Date(),
    };
    await this.dataSource.getRepository(OperatorCredential).upsert(row, ['companyId', 'operator']);
    return { operator, key: maskedKey(row.keyHint), updatedAt: row.updatedAt.toISOString() };
  }

  async getMasked(companyId: string, operator: string): Promise<OperatorKeyView> {
    const row = await this.dataSource.getRepository(OperatorCredential).findOneBy({ companyId, operator });
    if (!row) throw new NotFoundException(`No e-invoice key is stored for operator ${operator}`);
    return { operator, key: maskedKey(row.keyHint), updatedAt: row.updatedAt.toISOString() };
  }

  /** The plain key, for an adapter call; undefined when none is stored. */
  async reveal(manager: EntityManager, companyId: string, operator: string): Promise<string | undefined> {
    const row = await manager.getRepository(OperatorCredential).findOneBy({ companyId, operator });
    return row ? this.cipher.decrypt(row.encryptedKey, aad(companyId, operator)) : undefined;
  }

  assertOperator(operator: string): OperatorAdapter {
    const adapter = this.adapters.get(operator);
    if (!adapter) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        fields: [{ field: 'operator', errors: [`unknown operator ${operator}; available: ${[...this.adapters.keys()].join(', ')}`] }],
      });
    }
    return adapter;
  }
}

function aad(companyId: string, operator: string): string {
  return `operator-key:${companyId}:${operator}`;
}
