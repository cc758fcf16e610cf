import type { DataSource } from 'typeorm';

/** Names from the ERP (chart of accounts, project groups) for headers and account-name cells. */
export async function erpNames(dataSource: DataSource, companyId: string): Promise<{ accounts: Map<string, string>; groups: Map<string, string> }> {
  const accounts = (await dataSource.query(`SELECT number, name FROM ledger_account WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    number: string;
    name: string;
  }[];
  const groups = (await dataSource.query(`SELECT code, name FROM project_group WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    code: string;
    name: string;
  }[];
  return { accounts: new Map(accounts.map((a) => [a.number, a.name])), groups: new Map(groups.map((g) => [g.code, g.name])) };
}
