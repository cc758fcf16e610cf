import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import { ArchivePage, ArchiveQuery } from './archive.dto';
import { ArchiveRepository } from './archive.repository';

@ApiTags('workspace: archive')
@ApiBearerAuth()
@Controller('companies/:companyId/archive')
export class ArchiveController {
  constructor(private readonly archive: ArchiveRepository) {}

  @Get()
  @ApiOperation({ summary: 'All documents with their approval state and their state of delivery to the ERP, filtered' })
  @ApiOkResponse({ type: ArchivePage })
  list(@Param('companyId', CompanyIdPipe) companyId: string, @Query() q: ArchiveQuery): Promise<ArchivePage> {
    return this.archive.list(companyId, q);
  }
}
