import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@hub/platform';
import { JetStreamServer, type ReplayResult } from '../transport/jetstream.server';
import type { DeadLetter } from './dead-letter.entity';
import { DeadLetterStore } from './dead-letter.store';

/** Operators' view of messages this service could not handle (admin tokens only). */
@ApiTags('dead letters')
@ApiBearerAuth()
@AdminOnly()
@Controller('dead-letters')
export class DeadLetterController {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly server: JetStreamServer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters (newest first; replayed ones only with includeReplayed=true)' })
  @ApiQuery({ name: 'companyId', required: false })
  @ApiQuery({ name: 'consumer', required: false })
  @ApiQuery({ name: 'includeReplayed', required: false, type: Boolean })
  list(
    @Query('companyId') companyId?: string,
    @Query('consumer') consumer?: string,
    @Query('includeReplayed') includeReplayed?: string,
  ): Promise<DeadLetter[]> {
    return this.store.list({ companyId, consumer, includeReplayed: includeReplayed === 'true' });
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DeadLetter> {
    const letter = await this.store.get(id);
    if (!letter) throw new NotFoundException(`no dead letter ${id}`);
    return letter;
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the message through its handler again (idempotent: an applied message is not applied twice)' })
  async replay(@Param('id', ParseUUIDPipe) id: string): Promise<ReplayResult> {
    if (!(await this.store.get(id))) throw new NotFoundException(`no dead letter ${id}`);
    return this.server.replay(id);
  }
}
