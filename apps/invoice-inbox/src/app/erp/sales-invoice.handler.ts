import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { GatewaySalesInvoiceReceived, InboxSalesInvoiceRegistered } from '@hub/contracts';
import { JetStreamContext } from '@hub/messaging';

/**
 * A platform-issued sales invoice lands in the ERP's sales-invoice register exactly once.
 * Deliveries are recognised by (platform, platform account, invoice number) and by the
 * platform's invoice id — whichever matches — under the register's unique indexes, so two
 * deliveries racing each other also converge on one entry. A repeat only counts the delivery.
 */
@Controller()
export class SalesInvoiceHandler {
  @EventPattern('gateway.sales-invoice.received.v1')
  async onReceived(@Payload() e: GatewaySalesInvoiceReceived, @Ctx() ctx: JetStreamContext): Promise<void> {
    const id = randomUUID();
    const registeredAt = new Date();
    const inserted: unknown[] = await ctx.manager.query(
      `INSERT INTO sales_invoice_register (id, company_id, platform, platform_id, platform_invoice_id, invoice_number, issue_date,
                                           currency, gross_amount, payload, first_received_at, last_received_at, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [id, e.companyId, e.platform, e.platformId, e.platformInvoiceId, e.invoiceNumber, e.issueDate, e.currency, e.grossAmount, JSON.stringify({ ...e }), e.receivedAt, registeredAt],
    );
    if (inserted.length === 0) {
      await ctx.manager.query(
        `UPDATE sales_invoice_register SET deliveries = deliveries + 1, last_received_at = GREATEST(last_received_at, $5)
          WHERE company_id = $1 AND platform = $2 AND (platform_id = $3 AND invoice_number = $4 OR platform_invoice_id = $6)`,
        [e.companyId, e.platform, e.platformId, e.invoiceNumber, e.receivedAt, e.platformInvoiceId],
      );
      return;
    }
    await ctx.publish(
      plainToInstance(InboxSalesInvoiceRegistered, {
        companyId: e.companyId,
        salesInvoiceId: id,
        platform: e.platform,
        platformId: e.platformId,
        platformInvoiceId: e.platformInvoiceId,
        invoiceNumber: e.invoiceNumber,
        issueDate: e.issueDate,
        dueDate: e.dueDate,
        currency: e.currency,
        customer: e.customer,
        netAmount: e.netAmount,
        vatAmount: e.vatAmount,
        grossAmount: e.grossAmount,
        lines: e.lines,
        receivedAt: e.receivedAt,
        registeredAt: registeredAt.toISOString(),
      }),
    );
  }
}
