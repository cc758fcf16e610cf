import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CodingMasterData,
  DocumentCodingInput,
  MasterRecordState,
} from './coding.model';

/** `key` is built in SQL as `dimensionKey` builds it (type/code) for dimensions. */
interface Row extends MasterRecordState {
  key: string;
}

/** Loads exactly the master-data records a coding names: one query per kind, whatever the line count. */
@Injectable()
export class CodingMasterDataLoader {
  async load(
    manager: EntityManager,
    companyId: string,
    coding: DocumentCodingInput,
  ): Promise<CodingMasterData> {
    const lines = coding.lines ?? [];
    const accounts = unique([coding.account, ...lines.map((l) => l.account)]);
    const dims = [
      ...(coding.dimensions ?? []),
      ...lines.flatMap((l) => l.dimensions ?? []),
    ];
    const contact = coding.supplierContactId ? [coding.supplierContactId] : [];
    // One after another: a transaction's queries share one connection anyway.
    const accountRows = await this.query(
      manager,
      `SELECT number AS key, name, active, deleted FROM master_account WHERE company_id = $1 AND number = ANY($2)`,
      [companyId, accounts],
    );
    const dimensionRows = await this.query(
      manager,
      `SELECT dimension_type || '/' || code AS key, name, active, deleted FROM master_dimension
          WHERE company_id = $1 AND (dimension_type, code) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [companyId, dims.map((d) => d.type), dims.map((d) => d.code)],
    );
    const contactRows = await this.query(
      manager,
      `SELECT contact_id AS key, name, active, deleted FROM master_contact WHERE company_id = $1 AND contact_id = ANY($2)`,
      [companyId, contact],
    );
    return {
      accounts: toMap(accountRows),
      dimensions: toMap(dimensionRows),
      contacts: toMap(contactRows),
    };
  }

  private async query(
    manager: EntityManager,
    sql: string,
    params: unknown[],
  ): Promise<Row[]> {
    const list = params[1];
    if (Array.isArray(list) && list.length === 0) return [];
    return (await manager.query(sql, params)) as Row[];
  }
}

function unique(values: (string | null | undefined)[]): string[] {
  return [
    ...new Set(
      values.filter((v): v is string => typeof v === 'string' && v.length > 0),
    ),
  ];
}

function toMap(rows: Row[]): Map<string, MasterRecordState> {
  return new Map(
    rows.map((r) => [
      r.key,
      { name: r.name, active: r.active, deleted: r.deleted },
    ]),
  );
}
