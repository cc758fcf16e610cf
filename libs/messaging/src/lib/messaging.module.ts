import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { DeadLetterController } from './dead-letters/dead-letter.controller';
import { DeadLetter } from './dead-letters/dead-letter.entity';
import { DeadLetterStore } from './dead-letters/dead-letter.store';
import { InboxMessage } from './inbox/inbox-message.entity';
import { MessagingTables1763900000000 } from './messaging-tables.migration';
import { MESSAGING_OPTIONS, type MessagingOptions, NatsConnectionService } from './nats/nats-connection.service';
import { NatsRequester } from './nats/nats-requester';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxWriter } from './outbox/outbox.writer';
import { JetStreamServer } from './transport/jetstream.server';
import { MessageProcessor } from './transport/message-processor';
import { TransportAwareExceptionFilter } from './transport/transport-aware-exception.filter';

/** Entities and the migration every service adds to its own lists. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxMessage, DeadLetter];
export const MESSAGING_MIGRATIONS = [MessagingTables1763900000000];

/** JetStream transport, outbox, inbox and dead letters for one service. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      controllers: [DeadLetterController],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        NatsConnectionService,
        OutboxWriter,
        OutboxRelay,
        MessageProcessor,
        DeadLetterStore,
        JetStreamServer,
        NatsRequester,
        { provide: APP_FILTER, useClass: TransportAwareExceptionFilter },
      ],
      exports: [MESSAGING_OPTIONS, NatsConnectionService, OutboxWriter, OutboxRelay, NatsRequester, DeadLetterStore, JetStreamServer],
    };
  }
}

/** Attaches the JetStream transport to an app; call before `startAllMicroservices`. */
export function connectJetStream(app: INestApplication): void {
  app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(JetStreamServer) }, { inheritAppConfig: false });
}
