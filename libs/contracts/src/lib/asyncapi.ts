// class-transformer exposes its metadata storage only under cjs/; its types live under types/.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { stringify } from 'yaml';
import { allContracts } from './event-contract';
import { CONSUMERS, STREAMS } from './topology';

type JsonSchema = Record<string, unknown>;

/** JSON Schemas of every contract class and the classes nested in them, keyed by class name. */
export function contractSchemas(): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
  }) as Record<string, JsonSchema>;
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name) || !all[name]) return;
    wanted.add(name);
    JSON.stringify(all[name]).replace(/#\/components\/schemas\/([A-Za-z0-9_]+)/g, (_, ref: string) => {
      visit(ref);
      return '';
    });
  };
  for (const c of allContracts()) visit(c.type.name);
  const out: Record<string, JsonSchema> = {};
  for (const name of [...wanted].sort()) {
    out[name] = { ...(all[name] as JsonSchema), additionalProperties: false };
  }
  return out;
}

const HEADERS: JsonSchema = {
  type: 'object',
  required: ['Nats-Msg-Id', 'Hub-Company-Id'],
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'Outbox row id; JetStream de-duplicates on it' },
    'Hub-Company-Id': { type: 'string', description: 'The company the event belongs to (same as payload.companyId)' },
    traceparent: { type: 'string', description: 'W3C trace context' },
    'Hub-Occurred-At': { type: 'string', format: 'date-time' },
    'Hub-Producer': { type: 'string', description: 'The service that published the event' },
  },
};

/** The AsyncAPI 3.0 document of every subject, streams and consumers, as YAML. */
export function asyncApiDocument(): string {
  const schemas = contractSchemas();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const c of allContracts()) {
    const messageName = c.type.name;
    const channelId = c.subject.replace(/\./g, '_');
    messages[messageName] = {
      name: messageName,
      title: c.subject,
      summary: c.summary,
      contentType: 'application/json',
      headers: HEADERS,
      payload: { $ref: `#/components/schemas/${messageName}` },
    };
    channels[channelId] = {
      address: c.subject,
      description: `JetStream stream ${c.stream}`,
      messages: { [messageName]: { $ref: `#/components/messages/${messageName}` } },
    };
    operations[`publish_${channelId}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: c.summary,
    };
    for (const consumer of CONSUMERS.filter((k) => k.subjects.includes(c.subject))) {
      operations[`${consumer.service.replace(/-/g, '_')}_receives_${channelId}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        summary: `${consumer.service} consumes it (durable pull consumer on ${consumer.stream}, max ${consumer.maxDeliver} deliveries)`,
      };
    }
  }
  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'E-invoicing hub events',
      version: '1.0.0',
      description:
        'Every event the hub publishes or consumes on NATS JetStream. Subjects are <context>.<entity>.<event>.v<N>. ' +
        `Streams: ${STREAMS.map((s) => `${s.name} (${s.subjects.join(', ')})`).join('; ')}.`,
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:4222', protocol: 'nats', description: 'Local NATS with JetStream' } },
    channels,
    operations,
    components: { messages, schemas },
  };
  return stringify(doc, { sortMapEntries: false, lineWidth: 0 });
}
