import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SERVICE_ENV } from '@hub/platform';
import type { LedgerValidationEnv } from '../ledger-validation.env';
import { describeFailure, type RowFailure } from '../engine/rule-set.model';
import { csvLine } from '../reports/csv';
import type { RunTrigger } from './validation-results.writer';

export interface MailedFailure extends RowFailure {
  entryNumber: string;
  entryDate: string;
}

export interface FailureMail {
  companyId: string;
  runId: string;
  trigger: RunTrigger;
  to: string[];
  rejectedEntries: number;
  totalFailures: number;
  /** The first failures (capped); the mail says how many more there are. */
  failures: MailedFailure[];
}

/**
 * The failure mail: plain text a bookkeeper can act on (entry, row, account, missing
 * group, rule and version), the same list as a CSV attachment, and a pointer to the
 * missing-groups report for everything beyond the cap. Sent through SMTP_URL.
 */
@Injectable()
export class FailureMailer implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(@Inject(SERVICE_ENV) private readonly env: LedgerValidationEnv) {}

  /** @returns the status recorded on the run. */
  async send(mail: FailureMail): Promise<string> {
    if (!this.env.SMTP_URL) return 'not sent: SMTP_URL is not configured';
    this.transport ??= createTransport(this.env.SMTP_URL);
    const more = mail.totalFailures - mail.failures.length;
    const lines = mail.failures.map((f) => `- entry ${f.entryNumber} (${f.entryDate}), ${describeFailure(f)}`);
    const report = this.env.LEDGER_PUBLIC_URL
      ? `${this.env.LEDGER_PUBLIC_URL}/companies/${encodeURIComponent(mail.companyId)}/reports/missing-groups.csv`
      : `GET /companies/${mail.companyId}/reports/missing-groups.csv`;
    const text = [
      `The ${mail.trigger} validation of journal entries for company ${mail.companyId} found ${mail.rejectedEntries} ${plural(mail.rejectedEntries, 'entry', 'entries')} with missing project groups (${mail.totalFailures} ${plural(mail.totalFailures, 'problem', 'problems')}).`,
      'These entries stay unconfirmed and will not be exported until they are corrected in the ERP or confirmed by hand.',
      '',
      ...lines,
      ...(more > 0 ? ['', `... and ${more} more. The full list: ${report}`] : []),
      '',
      `Run ${mail.runId}`,
    ].join('\n');
    const header = csvLine(['Entry', 'Date', 'Row', 'Account', 'Missing project group', 'Rule', 'Rule number', 'Rule-set version']);
    const csv = header + mail.failures.map((f) => csvLine([f.entryNumber, f.entryDate, String(f.row), f.accountNumber, f.missingGroup ?? '', f.ruleKind, f.ruleNumber === null ? '' : String(f.ruleNumber), String(f.ruleSetVersion)])).join('');
    const info = (await this.transport.sendMail({
      from: this.env.SMTP_FROM,
      to: mail.to,
      subject: `Journal entries failed validation: ${mail.companyId}, ${mail.rejectedEntries} ${plural(mail.rejectedEntries, 'entry', 'entries')}`,
      text,
      attachments: [{ filename: 'missing-project-groups.csv', content: `\ufeff${csv}`, contentType: 'text/csv; charset=utf-8' }],
    })) as { messageId?: string; accepted?: unknown[] };
    return `sent to ${mail.to.join(', ')}${info.messageId ? ` (${info.messageId})` : ''}`;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
