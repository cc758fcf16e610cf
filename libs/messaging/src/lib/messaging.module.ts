import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { DeadLetterController } from './dead-letters/dead-letter.controller';
import { DeadLetter } from './dead-letters/dead-letter.entity';
import { DeadLetterStore } from './dead-letters/dead-letter.store';
import { InboxMessage } from './inbox/inbox-message.entity';
import { MessagingOutboxRetry1763900000200 } from './messaging-outbox-retry.migration';
import { MessagingRetentionIndexes1763900000100 } from './messaging-retention-indexes.migration';
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
export const MESSAGING_MIGRATIONS = [MessagingTables1763900000000, MessagingRetentionIndexes1763900000100, MessagingOutboxRetry1763900000200];

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
  // APP_FILTER providers land in the HTTP app's config only (and the HTTP pipes must not run
  // on messages), so the transport gets its own config with just the pass-through filter.
  // Without it Nest's default RPC filter replaces every handler error (a PermanentMessageError
  // included) by `{status:'error', message:'Internal server error'}`: rejects would be retried
  // to max-deliveries and dead letters and ok:false replies would lose the real error. The
  // filter must be in place before the handlers are wrapped, hence the deferred initialization
  // and then the same three steps Nest's connectMicroservice performs.
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { strategy: app.get(JetStreamServer) },
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new TransportAwareExceptionFilter());
  const lifecycle = microservice as unknown as {
    registerListeners(): void;
    setIsInitialized(value: boolean): void;
    setIsInitHookCalled(value: boolean): void;
  };
  lifecycle.registerListeners();
  lifecycle.setIsInitialized(true);
  lifecycle.setIsInitHookCalled(true);
}
