import {
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/**
 * TEST KIT ONLY: the probe event the messaging library's integration tests and the bus
 * benchmark (`npm run bench:bus`) send through the real outbox, JetStream and inbox.
 * No business service publishes or consumes it; only the `messaging-probe` test service does.
 */
@EventContract({
  subject: 'testkit.probe.received.v1',
  summary:
    'Test kit only: a probe message for the messaging integration tests and the bus benchmark',
})
export class TestkitProbeReceived extends CompanyEvent {
  /** Identifies the probe; the test service keys its side effects and behaviours on it. */
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/)
  probeId!: string;

  /** When the producer (or load generator) sent it, for end-to-end latency. */
  @IsISO8601({ strict: true })
  sentAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  note?: string;
}
