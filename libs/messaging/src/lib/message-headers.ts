/** Header names on every hub message (besides JetStream's own `Nats-Msg-Id`). */
export const HEADER = {
  companyId: 'Hub-Company-Id',
  traceparent: 'traceparent',
  occurredAt: 'Hub-Occurred-At',
  producer: 'Hub-Producer',
  subject: 'Hub-Subject',
  messageId: 'Nats-Msg-Id',
} as const;
