import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DocumentOutcomeView {
  @ApiProperty() operatorDocumentId!: string;
  @ApiProperty({ enum: ['delivered', 'redelivered', 'needs-attention', 'failed'] }) outcome!: string;
  @ApiPropertyOptional() companyId?: string;
  @ApiPropertyOptional({ description: 'Whether the operator confirmed the acknowledgement (delivered / redelivered)' }) acked?: boolean;
  @ApiPropertyOptional({ enum: ['UNKNOWN_RECEIVER', 'FILE_TOO_LARGE', 'FILE_HASH_MISMATCH', 'INVALID_DOCUMENT'] }) reason?: string;
  @ApiPropertyOptional() message?: string;
}

export class ConnectionErrorView {
  @ApiProperty() companyId!: string;
  @ApiProperty() operator!: string;
  @ApiProperty() message!: string;
}

export class FetchRunView {
  @ApiProperty({ description: 'Connections polled (stored key and an active registration)' }) connections!: number;
  @ApiProperty({ type: DocumentOutcomeView, isArray: true, description: "Outcomes of the caller's documents" })
  documents!: DocumentOutcomeView[];
  @ApiProperty({ description: 'Documents found for other receivers (routed to them, or needing attention), counted only' })
  otherDocuments!: number;
  @ApiProperty({ type: ConnectionErrorView, isArray: true }) errors!: ConnectionErrorView[];
}

export class InboundReceiptView {
  @ApiProperty() operator!: string;
  @ApiProperty() operatorDocumentId!: string;
  @ApiProperty({ enum: ['einvoice', 'sales-invoice'] }) kind!: string;
  @ApiProperty() receiverEndpointId!: string;
  @ApiProperty({ description: 'Id of the event published (also its Nats-Msg-Id)' }) eventId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) ackedAt!: string | null;
  @ApiProperty({ description: 'How many times the operator listed it' }) deliveries!: number;
}

export class AttentionView {
  @ApiProperty() operator!: string;
  @ApiProperty() operatorDocumentId!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Unknown when no company holds the receiver endpoint' }) companyId!: string | null;
  @ApiProperty({ enum: ['einvoice', 'sales-invoice'] }) kind!: string;
  @ApiProperty() receiverEndpointId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) receiverScheme!: string | null;
  @ApiProperty({ enum: ['UNKNOWN_RECEIVER', 'FILE_TOO_LARGE', 'FILE_HASH_MISMATCH', 'INVALID_DOCUMENT'] }) reason!: string;
  @ApiProperty() message!: string;
  @ApiProperty() firstSeenAt!: string;
  @ApiProperty() lastSeenAt!: string;
  @ApiProperty() attempts!: number;
}
