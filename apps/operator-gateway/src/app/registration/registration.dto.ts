import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EINVOICE_SERVICES, type EInvoiceService } from '@hub/contracts';

export class SetOperatorKeyDto {
  @ApiProperty({ description: 'The e-invoice key the operator issued to the company', example: 'sandbox-demo-key' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  key!: string;
}

export class RegisterServicesDto {
  @ApiProperty({ enum: EINVOICE_SERVICES, isArray: true, example: ['receive-supplier-einvoices'] })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(EINVOICE_SERVICES, { each: true })
  services!: EInvoiceService[];

  @ApiProperty({ description: 'Operator codes', example: ['sandbox'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[a-z][a-z0-9-]{1,31}$/, { each: true, message: 'each operator must be an operator code such as sandbox' })
  operators!: string[];

  @ApiProperty({
    required: false,
    description:
      'Endpoints the company receives under at these operators: Peppol participant ids (`0088:4035811991021`), registry codes, ' +
      'platform account ids. Inbound documents are routed to the company by the endpoint they were delivered to. ' +
      'An endpoint another company holds is refused (409).',
    example: ['0088:7300010000025'],
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,199}$/, { each: true, message: 'each endpoint must be an identifier such as 0088:7300010000025' })
  endpoints?: string[];
}

export class OperatorKeyView {
  @ApiProperty() operator!: string;
  @ApiProperty({ example: '************-key' }) key!: string;
  @ApiProperty() updatedAt!: string;
}

export class RegistrationView {
  @ApiProperty() operator!: string;
  @ApiProperty({ enum: EINVOICE_SERVICES }) service!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ example: 'Registration was successful!' }) systemMessage!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() registrationId!: string;
}

export class ReceiverEndpointView {
  @ApiProperty() operator!: string;
  @ApiProperty({ example: '0088:7300010000025' }) endpointId!: string;
  @ApiProperty() registeredAt!: string;
}

export class EndpointHolderView extends ReceiverEndpointView {
  @ApiProperty({ example: 'company-a' }) companyId!: string;
}
