import { Body, Controller, Delete, Get, HttpCode, Logger, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CompanyIdPipe } from '@hub/platform';
import { ReceiverEndpoints } from '../inbound/receiver-endpoints';
import { OperatorKeysService } from './operator-keys.service';
import { EndpointHolderView, OperatorKeyView, ReceiverEndpointView, RegisterServicesDto, RegistrationView, SetOperatorKeyDto } from './registration.dto';
import { RegisterServicesUseCase } from './register-services.usecase';

@ApiTags('e-services registration')
@ApiBearerAuth()
@Controller('companies/:companyId')
export class RegistrationController {
  private readonly logger = new Logger('ReceiverEndpoints');

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

  @Delete('endpoints/:operator/:endpointId')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Release an endpoint the company receives under (e.g. moved to another provider); documents for it are then left at the ' +
      'operator as needing attention until a company registers it',
  })
  @ApiNoContentResponse({ description: 'Released' })
  @ApiNotFoundResponse({ description: 'The company does not hold this endpoint' })
  async releaseEndpoint(
    @Param('companyId', CompanyIdPipe) companyId: string,
    @Param('operator') operator: string,
    @Param('endpointId') endpointId: string,
  ): Promise<void> {
    if (!(await this.endpoints.release(companyId, operator, endpointId))) {
      throw new NotFoundException(`Endpoint ${endpointId} (${operator}) is not registered to this company`);
    }
    this.logger.log(`company ${companyId} released endpoint ${endpointId} (${operator})`);
  }
}

/** Support's view of endpoint ownership (admin token): who holds a disputed endpoint. */
@ApiTags('e-services registration')
@ApiBearerAuth()
@Controller('endpoints')
export class EndpointsAdminController {
  constructor(private readonly endpoints: ReceiverEndpoints) {}

  @Get(':operator/:endpointId')
  @AdminOnly()
  @ApiOperation({ summary: 'The company holding an endpoint (admin token); release it through that company\'s DELETE route' })
  @ApiOkResponse({ type: EndpointHolderView })
  @ApiNotFoundResponse({ description: 'No company holds this endpoint' })
  async holder(@Param('operator') operator: string, @Param('endpointId') endpointId: string): Promise<EndpointHolderView> {
    const held = await this.endpoints.holder(operator, endpointId);
    if (!held) throw new NotFoundException(`Endpoint ${endpointId} (${operator}) is not registered to any company`);
    return held;
  }
}
