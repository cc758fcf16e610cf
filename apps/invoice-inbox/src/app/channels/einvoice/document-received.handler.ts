import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { type GatewayDocumentFile, GatewayDocumentReceived } from '@hub/contracts';
import { BATCH_HANDLER, JetStreamBatchContext } from '@hub/messaging';
import { Inject } from '@nestjs/common';
import { runWithContext, SERVICE_ENV } from '@hub/platform';
import type { DocumentFinding } from '../../documents/document-finding';
import type { IncomingFile } from '../../digitise/digitise.service';
import { IngestDocumentUseCase } from '../../ingest/ingest-document.usecase';
import type { IngestCommand } from '../../ingest/ingest.command';
import type { InvoiceInboxEnv } from '../../invoice-inbox.env';
import { DocumentFetcher, FetchProblem } from './document-fetcher';
import { sha256Hex } from '../../digitise/fingerprint';

/**
 * Channel 1: e-invoices from operators. The company is the one operator-gateway resolved
 * from the receiver identifier. A file that cannot be obtained or does not match its
 * declared hash does not drop the document: it lands in needs-attention with the reason.
 * A fetch that may work later is retried (and ends as a replayable dead letter).
 *
 * A batch handler: the deliveries of one consumer transaction arrive together (their inbox
 * rows claimed in one statement, no savepoint per delivery) and their new documents are
 * created in one statement (`IngestDocumentUseCase.executeManyIn`). If one of them fails, the
 * transport rolls the batch back and hands each delivery over alone, so only the failing
 * one is retried or dead-lettered.
 */
@Controller()
export class DocumentReceivedHandler {
  constructor(
    private readonly ingest: IngestDocumentUseCase,
    private readonly fetcher: DocumentFetcher,
    @Inject(SERVICE_ENV) private readonly env: InvoiceInboxEnv,
  ) {}

  @EventPattern('gateway.document.received.v1', BATCH_HANDLER)
  async onDocumentsReceived(@Payload() events: GatewayDocumentReceived[], @Ctx() ctx: JetStreamBatchContext): Promise<void> {
    const commands: IngestCommand[] = [];
    for (const [i, event] of events.entries()) {
      const messageId = ctx.messages[i]?.messageId;
      if (messageId === undefined) throw new Error(`batch of ${events.length} events with ${ctx.messages.length} messages`);
      commands.push(await runWithContext({ companyId: event.companyId }, () => this.command(event, messageId)));
    }
    await this.ingest.executeManyIn(ctx.manager, commands);
  }

  private async command(event: GatewayDocumentReceived, messageId: string): Promise<IngestCommand> {
    const findings: DocumentFinding[] = [];
    const files: IncomingFile[] = [];
    for (const file of event.files) {
      const bytes = await this.bytesOf(file, findings);
      if (!bytes) continue;
      if (file.sha256 && sha256Hex(bytes) !== file.sha256) {
        findings.push({ source: 'ingest', flag: 'fatal', rule: 'INBOX-HASH-MISMATCH', message: `${file.filename}: the bytes do not match the sha256 the operator declared`, file: file.filename });
      }
      files.push({ filename: file.filename, contentType: file.contentType, bytes });
    }
    return {
      companyId: event.companyId,
      channel: 'einvoice',
      receivedAt: new Date(event.receivedAt),
      files,
      externalRef: `${event.operator}:${event.operatorDocumentId}`,
      source: {
        operator: event.operator,
        operatorDocumentId: event.operatorDocumentId,
        receiverEndpointId: event.receiverEndpointId,
        ...(event.receiverScheme ? { receiverScheme: event.receiverScheme } : {}),
        messageId,
      },
      actor: `operator:${event.operator}`,
      channelFindings: findings,
    };
  }

  private async bytesOf(file: GatewayDocumentFile, findings: DocumentFinding[]): Promise<Buffer | undefined> {
    if (file.contentBase64 !== undefined) return Buffer.from(file.contentBase64, 'base64');
    if (file.fetchUrl === undefined) {
      findings.push({ source: 'ingest', flag: 'fatal', rule: 'INBOX-NO-CONTENT', message: `${file.filename}: the delivery carried neither the bytes nor a reference to them`, file: file.filename });
      return undefined;
    }
    try {
      return await this.fetcher.fetch(file.fetchUrl, this.env.UPLOAD_MAX_FILE_BYTES);
    } catch (error) {
      if (error instanceof FetchProblem && !error.retry) {
        findings.push({ source: 'ingest', flag: 'fatal', rule: 'INBOX-FETCH-FAILED', message: `${file.filename}: ${error.message}`, file: file.filename });
        return undefined;
      }
      throw error;
    }
  }
}
