import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import { ReceiverEndpoints } from '../inbound/receiver-endpoints';
import { OperatorKeysService } from './operator-keys.service';
import { OperatorKeyView, ReceiverEndpointView, RegisterServicesDto, RegistrationView, SetOperatorKeyDto } from './registration.dto';
import { RegisterServicesUseCase } from './register-services.usecase';

@ApiTags('e-services registration')
@ApiBearerAuth()
@Controller('companies/:companyId')
export class RegistrationController {
  constructor(
    private readonly keys: OperatorKeysService,
    private readonly registerServices: RegisterServicesUseCase,
    private readonly endpoints: ReceiverEndpoints,
  ) {}

  @Put('operators/:operator/key')
  @ApiOperation({ summary: "Store the company's e-invoice key for an operator (encrypted at rest; read back masked)" })
  @ApiOkResponse({ type: OperatorKeyView })
  setKey(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('operator') operator: string,
    @Body() body: SetOperatorKeyDto,
  ): Promise<OperatorKeyView> {
    return this.keys.setKey(companyId, operator, body.key);
  }

  @Get('operators/:operator/key')
  @ApiOkResponse({ type: OperatorKeyView })
  getKey(@Param('companyId', CompanyIdPipe) companyId: string, @Param('operator') operator: string): Promise<OperatorKeyView> {
    return this.keys.getMasked(companyId, operator);
  }

  @Post('registrations')
  @ApiOperation({ summary: 'Register e-services with one or more operators; answers per service: active, system message, time' })
  @ApiOkResponse({ type: RegistrationView, isArray: true })
  register(@Param('companyId', CompanyIdPipe) companyId: string, @Body() body: RegisterServicesDto): Promise<RegistrationView[]> {
    return this.registerServices.execute({
      companyId,
      operators: body.operators,
      services: body.services,
      ...(body.endpoints ? { endpoints: body.endpoints } : {}),
    });
  }

  @Get('registrations')
  @ApiOkResponse({ type: RegistrationView, isArray: true })
  list(@Param('companyId', CompanyIdPipe) companyId: string): Promise<RegistrationView[]> {
    return this.registerServices.list(companyId);
  }

  @Get('endpoints')
  @ApiOperation({ summary: 'The endpoints the company receives under, per operator (inbound documents are routed by them)' })
  @ApiOkResponse({ type: ReceiverEndpointView, isArray: true })
  listEndpoints(@Param('companyId', CompanyIdPipe) companyId: string): Promise<ReceiverEndpointView[]> {
    return this.endpoints.list(companyId);
  }
}
