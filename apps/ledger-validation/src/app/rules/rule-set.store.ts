import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CompiledRuleSet } from '../engine/compiled-rule-set';
import { EMPTY_RULE_SET, versionInForce } from '../engine/rule-set-timeline';
import type { Rules } from '../engine/rule-set.model';

export interface RuleSetSummary {
  version: number;
  effectiveFrom: string;
  comment: string | null;
  createdBy: string;
  createdAt: string;
}

export interface StoredRuleSet extends RuleSetSummary {
  rules: Rules;
}

/** Chooses the compiled rule set for an entry's date; built for one run or one arrival. */
export interface RuleSetJudge {
  validatorFor(date: string): Promise<CompiledRuleSet>;
  /**
   * The distinct effective dates of the company's versions, ascending: the rule set in force
   * is the same from one of them up to the day before the next (before the first: no rules).
   * Lets a query bucket entries by the rules of their date without one bucket per date.
   */
  readonly periodStarts: readonly string[];
}

const CACHE_LIMIT = 64;

/**
 * Versioned rule sets. A version is immutable once stored, so its compiled form is cached
 * by (company, version) for as long as the process lives (bounded, least recently used out).
 */
@Injectable()
export class RuleSetStore {
  private readonly compiled = new Map<string, CompiledRuleSet>();

  constructor(private readonly dataSource: DataSource) {}

  /** Stores the next version. Versions are numbered per company; concurrent creates queue on an advisory lock. */
  async create(companyId: string, input: { effectiveFrom: string; comment?: string; rules: Rules }, createdBy: string): Promise<StoredRuleSet> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':rule-set:' || $1))`, [companyId]);
      const [{ next }] = (await manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM rule_set WHERE company_id = $1`, [
        companyId,
      ])) as [{ next: number }];
      const [row] = (await manager.query(
        `INSERT INTO rule_set (company_id, version, effective_from, rules, comment, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING version, effective_from::text AS "effectiveFrom", comment, created_by AS "createdBy", created_at AS "createdAt"`,
        [companyId, next, input.effectiveFrom, JSON.stringify(input.rules), input.comment ?? null, createdBy],
      )) as [RuleSetSummary & { createdAt: Date }];
      await manager.query(`INSERT INTO company_settings (company_id) VALUES ($1) ON CONFLICT DO NOTHING`, [companyId]);
      return { ...row, createdAt: new Date(row.createdAt).toISOString(), rules: input.rules };
    });
  }

  async list(companyId: string): Promise<RuleSetSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT version, effective_from::text AS "effectiveFrom", comment, created_by AS "createdBy", created_at AS "createdAt"
       FROM rule_set WHERE company_id = $1 ORDER BY version`,
      [companyId],
    )) as (RuleSetSummary & { createdAt: Date })[];
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  async get(companyId: string, version: number, manager: EntityManager = this.dataSource.manager): Promise<StoredRuleSet | undefined> {
    const [row] = (await manager.query(
      `SELECT version, effective_from::text AS "effectiveFrom", comment, created_by AS "createdBy", created_at AS "createdAt", rules
       FROM rule_set WHERE company_id = $1 AND version = $2`,
      [companyId, version],
    )) as (StoredRuleSet & { createdAt: Date })[];
    return row ? { ...row, createdAt: new Date(row.createdAt).toISOString() } : undefined;
  }

  /** The version in force on a date (undefined before the first one). */
  async inForce(companyId: string, date: string): Promise<StoredRuleSet | undefined> {
    const chosen = versionInForce(await this.timeline(companyId, this.dataSource.manager), date);
    return chosen ? this.get(companyId, chosen.version) : undefined;
  }

  /** Reads the company's version dates once; compiles versions lazily as entries' dates need them. */
  async judge(companyId: string, manager: EntityManager = this.dataSource.manager): Promise<RuleSetJudge> {
    const versions = await this.timeline(companyId, manager);
    return {
      periodStarts: [...new Set(versions.map((v) => v.effectiveFrom))].sort(),
      validatorFor: async (date: string) => {
        const chosen = versionInForce(versions, date);
        if (!chosen) return new CompiledRuleSet(EMPTY_RULE_SET);
        return this.compiledVersion(companyId, chosen.version, manager);
      },
    };
  }

  private async timeline(companyId: string, manager: EntityManager): Promise<{ version: number; effectiveFrom: string }[]> {
    return (await manager.query(`SELECT version, effective_from::text AS "effectiveFrom" FROM rule_set WHERE company_id = $1`, [
      companyId,
    ])) as { version: number; effectiveFrom: string }[];
  }

  private async compiledVersion(companyId: string, version: number, manager: EntityManager): Promise<CompiledRuleSet> {
    const key = `${companyId}\u0000${version}`;
    const hit = this.compiled.get(key);
    if (hit) {
      this.compiled.delete(key);
      this.compiled.set(key, hit);
      return hit;
    }
    const stored = await this.get(companyId, version, manager);
    if (!stored) throw new Error(`rule set ${companyId} v${version} disappeared`);
    const compiled = new CompiledRuleSet(stored);
    this.compiled.set(key, compiled);
    if (this.compiled.size > CACHE_LIMIT) {
      const oldest = this.compiled.keys().next().value;
      if (oldest !== undefined) this.compiled.delete(oldest);
    }
    return compiled;
  }
}
