import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@hub/platform';
import { IngestDocumentUseCase } from '../../ingest/ingest-document.usecase';
import type { InvoiceInboxEnv } from '../../invoice-inbox.env';
import { InboundAddressService } from './inbound-address.service';
import { groupMailAttachments } from './mail-documents';

/** An error smtp-server answers with its own reply code. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

const ACCEPTED = 'XML e-invoices (UBL, CII, Estonian e-invoice), PDF, JPEG or PNG attachments';

/**
 * Channel 3: the SMTP receiver for the per-company inbound addresses. Recipients are
 * checked at RCPT (unknown → 550), the mail at DATA: stored and answered 250 only after the
 * documents committed; no usable attachment → 550 with the reason (the sending server
 * bounces it to the sender); a failure to store → 451 (the sender retries). No mail is
 * accepted and then lost.
 */
@Injectable()
export class SmtpInboundServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SmtpInbound');
  private server?: SMTPServer;
  /** The port actually listened on (useful with SMTP_INBOUND_PORT=0). */
  port = 0;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: InvoiceInboxEnv,
    private readonly addresses: InboundAddressService,
    private readonly ingest: IngestDocumentUseCase,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.SMTP_INBOUND_ENABLED) return;
    const server = new SMTPServer({
      name: this.env.INBOUND_MAIL_DOMAIN,
      banner: 'hub invoice inbox',
      // An inbound MX: no AUTH; STARTTLS needs a certificate, which is not configured yet.
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      size: this.env.MAIL_MAX_BYTES,
      logger: false,
      closeTimeout: 5000,
      onRcptTo: (address, session, callback) => this.checkRecipient(address, callback),
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    server.on('error', (error) => this.log.warn(`SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.env.SMTP_INBOUND_PORT, this.env.SMTP_INBOUND_HOST, () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    this.log.log(`SMTP receiver for *@${this.env.INBOUND_MAIL_DOMAIN} listening on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress, callback: (err?: Error | null) => void): void {
    this.addresses.resolve(address.address).then(
      (company) => callback(company ? null : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
      () => callback(smtpError(451, '4.3.0 Temporary lookup failure, try again later')),
    );
  }

  /**
   * Buffers the message up to MAIL_MAX_BYTES. SIZE only advertises the limit (smtp-server
   * flags `sizeExceeded` but keeps reading), so past the limit the chunks are dropped: the
   * stream is drained to the end of DATA and the mail refused with 552, without holding it.
   */
  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const max = this.env.MAIL_MAX_BYTES;
    let chunks: Buffer[] = [];
    let received = 0;
    let tooBig = false;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (tooBig) return;
      if (received > max) {
        tooBig = true;
        chunks = [];
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (error: Error) => this.log.warn(`SMTP DATA stream: ${error.message}`));
    stream.on('end', () => {
      if (tooBig || stream.sizeExceeded) {
        this.log.warn(`refused a mail of ${received} bytes (limit ${max})`);
        callback(smtpError(552, `5.3.4 Message too big: at most ${max} bytes`));
        return;
      }
      const raw = Buffer.concat(chunks);
      chunks = [];
      this.store(raw, session).then(
        () => callback(null),
        (error: unknown) => {
          const code = (error as { responseCode?: number }).responseCode;
          if (code) callback(error as Error);
          else {
            this.log.error(`could not store mail: ${error instanceof Error ? error.message : String(error)}`);
            callback(smtpError(451, '4.3.0 The message could not be stored; try again later'));
          }
        },
      );
    });
  }

  private async store(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    const grouped = groupMailAttachments(
      mail.attachments.map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, bytes: a.content, related: a.related === true })),
    );
    if (grouped.documents.length === 0) {
      const seen = grouped.ignored.length ? ` It had: ${grouped.ignored.map((i) => `${i.filename} (${i.reason})`).join(', ')}.` : ' It had no attachments.';
      throw smtpError(550, `5.6.0 No invoice found in this message: this address accepts ${ACCEPTED}.${seen}`.slice(0, 900));
    }
    // Each company sees only its own address(es): a mail to several companies' inbound
    // addresses must not tell one company another's (private) address.
    const recipientsOf = new Map<string, string[]>();
    for (const rcpt of session.envelope.rcptTo) {
      const company = await this.addresses.resolve(rcpt.address);
      if (!company) continue;
      const own = recipientsOf.get(company) ?? [];
      if (!own.some((a) => a.toLowerCase() === rcpt.address.toLowerCase())) own.push(rcpt.address);
      recipientsOf.set(company, own);
    }
    const messageId = mail.messageId ?? `no-message-id:${session.id}`;
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    await this.dataSource.transaction(async (manager) => {
      for (const [companyId, recipients] of recipientsOf) {
        for (const files of grouped.documents) {
          await this.ingest.executeIn(manager, {
            companyId,
            channel: 'email',
            receivedAt: new Date(),
            files,
            externalRef: messageId,
            source: {
              from,
              to: recipients.join(', '),
              subject: (mail.subject ?? '').slice(0, 300),
              messageId,
              ...(grouped.ignored.length ? { ignoredAttachments: grouped.ignored.map((i) => i.filename).join(', ') } : {}),
            },
            actor: `email:${from}`,
          });
        }
      }
    });
  }
}
