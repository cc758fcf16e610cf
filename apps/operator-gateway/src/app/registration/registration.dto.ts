import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { EINVOICE_SERVICES, type EInvoiceService } from '@hub/contracts';

/** Shorter keys are refused: a short secret is guessable, and any hint would give most of it away. */
export const OPERATOR_KEY_MIN_LENGTH = 12;

export class SetOperatorKeyDto {
  @ApiProperty({
    description: `The e-invoice key the operator issued to the company (${OPERATOR_KEY_MIN_LENGTH} to 512 characters)`,
    example: 'sandbox-demo-key',
    minLength: OPERATOR_KEY_MIN_LENGTH,
    maxLength: 512,
  })
  @IsString()
  @IsNotEmpty()
  @MinLength(OPERATOR_KEY_MIN_LENGTH, { message: `key must be at least ${OPERATOR_KEY_MIN_LENGTH} characters (as the operator issued it)` })
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
      'An endpoint is recorded for the company only when the operator confirms it belongs to the account of the company\'s key ' +
      'and the receive service is active there; each endpoint\'s outcome is in `endpoints` of the answer.',
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
  @ApiProperty({ example: '************-key', description: 'Twelve stars, then the last four characters only for a key of 16 characters or more' })
  key!: string;
  @ApiProperty() updatedAt!: string;
}

export class EndpointClaimView {
  @ApiProperty({ example: '0088:7300010000025' }) endpointId!: string;
  @ApiProperty({ description: 'Recorded for the company: inbound documents delivered to it are the company\'s' }) claimed!: boolean;
  @ApiProperty({ example: 'Endpoint 0088:7300010000025 is not registered to this account' }) message!: string;
}

export class RegistrationView {
  @ApiProperty() operator!: string;
  @ApiProperty({ enum: EINVOICE_SERVICES }) service!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ example: 'Registration was successful!' }) systemMessage!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty() registrationId!: string;
  @ApiProperty({
    type: EndpointClaimView,
    isArray: true,
    description: 'The endpoints named in this registration with the operator (the same on each service of the operator): recorded or why not',
  })
  endpoints!: EndpointClaimView[];
}

export class ReceiverEndpointView {
  @ApiProperty() operator!: string;
  @ApiProperty({ example: '0088:7300010000025' }) endpointId!: string;
  @ApiProperty() registeredAt!: string;
}

export class EndpointHolderView extends ReceiverEndpointView {
  @ApiProperty({ example: 'company-a' }) companyId!: string;
}
