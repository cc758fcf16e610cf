import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import { SettingsView, UpdateSettingsDto } from './settings.dto';
import { SettingsStore } from './settings.store';

@ApiTags('ledger settings')
@ApiBearerAuth()
@Controller('companies/:companyId/ledger-settings')
export class SettingsController {
  constructor(private readonly store: SettingsStore) {}

  @Get()
  @ApiOkResponse({ type: SettingsView })
  get(@Param('companyId', CompanyIdPipe) companyId: string): Promise<SettingsView> {
    return this.store.get(companyId);
  }

  @Patch()
  @ApiOperation({ summary: 'Nightly run time and zone, validation on arrival, failure-mail recipients, summary report columns' })
  @ApiOkResponse({ type: SettingsView })
  update(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: UpdateSettingsDto): Promise<SettingsView> {
    return this.store.update(companyId, body);
  }
}
