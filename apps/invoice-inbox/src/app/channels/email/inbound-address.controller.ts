import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CompanyIdPipe } from '@hub/platform';
import { InboundAddressService } from './inbound-address.service';

export class InboundAddressDto {
  @ApiProperty({ example: 'company-a.k3j9x2m4qp@inbox.hub.localhost' }) address!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'After a rotation: the address that stopped working' }) previous?: string | null;
}

@ApiTags('e-mail channel')
@ApiBearerAuth()
@Controller('companies/:companyId/inbound-address')
export class InboundAddressController {
  constructor(private readonly addresses: InboundAddressService) {}

  @Get()
  @ApiOperation({ summary: "The company's address for supplier e-mails (generated on first use)" })
  @ApiOkResponse({ type: InboundAddressDto })
  current(@Param('companyId', CompanyIdPipe) companyId: string): Promise<InboundAddressDto> {
    return this.addresses.current(companyId);
  }

  @Post('rotate')
  @ApiOperation({ summary: 'Issue a new address; mail to the old one is refused from now on' })
  @ApiOkResponse({ type: InboundAddressDto })
  rotate(@Param('companyId', CompanyIdPipe) companyId: string): Promise<InboundAddressDto> {
    return this.addresses.rotate(companyId);
  }
}
