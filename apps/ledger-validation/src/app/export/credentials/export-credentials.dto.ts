import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { assertCallableUrl, joinBaseUrl, OutboundRefused } from '../adapters/outbound-policy';

/** A JSON object whose values pass `check` (class-validator has no map validator). */
function IsMapOf(check: (v: unknown) => boolean, what: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMapOf',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length <= 10_000 && Object.values(value).every(check),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object mapping codes to ${what}`,
      },
    },
    options,
  );
}

/**
 * A URL the export may call, as far as can be told without resolving it: http(s), no
 * `user:pass@`, no fragment; with `base` (a path is appended) no query either. Whether the
 * host is public is checked at each call (`adapters/outbound-policy.ts`), as DNS may change.
 */
function IsCallableUrl(base: boolean, options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return 'must be a URL';
    try {
      if (base) joinBaseUrl(value, '/');
      else assertCallableUrl(new URL(value));
      return undefined;
    } catch (error) {
      return error instanceof OutboundRefused ? error.message : 'must be a URL';
    }
  };
  return ValidateBy(
    {
      name: 'isCallableUrl',
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'}: ${problem(args?.value) ?? 'must be a URL'}`,
      },
    },
    options,
  );
}

const isShortString = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** Refresh needs the three together; any one of them makes the other two required. */
const refreshes = (o: OAuth2CredentialsDto): boolean => o.refreshToken !== undefined || o.clientId !== undefined || o.clientSecret !== undefined;
const TOGETHER = 'refreshToken, clientId and clientSecret go together';

/**
 * OAuth2 tokens (Xero, Sage). With `refreshToken`, `clientId` and `clientSecret` the
 * export renews the access token itself (before it expires, or after a 401) and stores the
 * rotated tokens; without them the access token is used until the target refuses it.
 */
export abstract class OAuth2CredentialsDto {
  @ApiProperty({ description: 'OAuth2 access token (Bearer); stored encrypted, read back masked' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8192)
  accessToken!: string;

  @ApiPropertyOptional({ description: 'OAuth2 refresh token (rotates on every refresh; the export stores the new one); stored encrypted, read back masked' })
  @ValidateIf(refreshes)
  @IsString({ message: `refreshToken must be a string (${TOGETHER})` })
  @IsNotEmpty()
  @MaxLength(8192)
  refreshToken?: string;

  @ApiPropertyOptional({ description: "The app's OAuth2 client id (HTTP Basic at the token endpoint)" })
  @ValidateIf(refreshes)
  @IsString({ message: `clientId must be a string (${TOGETHER})` })
  @IsNotEmpty()
  @MaxLength(200)
  clientId?: string;

  @ApiPropertyOptional({ description: "The app's OAuth2 client secret; stored encrypted, read back masked" })
  @ValidateIf(refreshes)
  @IsString({ message: `clientSecret must be a string (${TOGETHER})` })
  @IsNotEmpty()
  @MaxLength(500)
  clientSecret?: string;

  @ApiPropertyOptional({
    description:
      'Token endpoint; defaults to https://identity.xero.com/connect/token (Xero) or https://oauth.accounting.sage.com/token (Sage). http(s), no user:pass@ or fragment; must reach a public address',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true, disallow_auth: true })
  @IsCallableUrl(false)
  @MaxLength(500)
  tokenUrl?: string;

  @ApiPropertyOptional({ description: 'When the access token expires (ISO 8601); refreshed 60 s before. Unknown: refreshed after a 401', example: '2026-11-24T01:30:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

/** Xero: an OAuth2 access token for the organisation (and how to refresh it) and its tenant id, plus mapping options. */
export class XeroCredentialsDto extends OAuth2CredentialsDto {

  @ApiProperty({ description: 'The organisation (xero-tenant-id)', example: '4f2c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f60' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  tenantId!: string;

  @ApiPropertyOptional({ description: 'Project groups to send as the (at most two) tracking categories, in order', example: ['DEPT', 'PROJ'] })
  @IsOptional()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  trackingGroups?: string[];

  @ApiPropertyOptional({ description: 'ERP VAT code → Xero TaxType', example: { '22': 'OUTPUT2' } })
  @IsOptional()
  @IsMapOf(isShortString, 'Xero tax types')
  taxTypes?: Record<string, string>;

  @ApiPropertyOptional({ enum: ['POSTED', 'DRAFT'], default: 'POSTED' })
  @IsOptional()
  @IsIn(['POSTED', 'DRAFT'])
  journalStatus?: 'POSTED' | 'DRAFT';
}

/** Sage Business Cloud Accounting: an OAuth2 access token (and how to refresh it), the business, and optional account mapping. */
export class SageCredentialsDto extends OAuth2CredentialsDto {

  @ApiPropertyOptional({ description: 'X-Business: the business, for users with several' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  businessId?: string;

  @ApiPropertyOptional({ description: 'ERP account number → Sage ledger_account_id; unmapped accounts are found by nominal code' })
  @IsOptional()
  @IsMapOf(isShortString, 'Sage ledger account ids')
  ledgerAccountIds?: Record<string, string>;
}

/** SAP Business One Service Layer: the company's server, database and a B1 user. */
export class SapB1CredentialsDto {
  @ApiProperty({
    description: 'Service Layer base URL, without /b1s/v1, query or fragment; must reach a public address (see EXPORT_ALLOWED_PRIVATE_HOSTS)',
    example: 'https://sap.example.com:50000',
  })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true, disallow_auth: true })
  @IsCallableUrl(true)
  @MaxLength(500)
  serviceLayerUrl!: string;

  @ApiProperty({ example: 'SBODEMOUS' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  companyDb!: string;

  @ApiProperty({ example: 'manager' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  userName!: string;

  @ApiProperty({ description: 'Stored encrypted, read back masked' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  password!: string;

  @ApiPropertyOptional({ description: 'Project group → costing dimension 1..5 (CostingCode .. CostingCode5)', example: { DEPT: 1, PROJ: 2 } })
  @IsOptional()
  @IsMapOf((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5, 'dimension numbers 1..5')
  dimensions?: Record<string, number>;
}

/** Fields that are secrets, per target: masked on read, never logged. */
export const SECRET_FIELDS: Record<string, readonly string[]> = {
  xero: ['accessToken', 'refreshToken', 'clientSecret'],
  sage: ['accessToken', 'refreshToken', 'clientSecret'],
  'sap-b1': ['password'],
};

export const CREDENTIAL_DTOS = { xero: XeroCredentialsDto, sage: SageCredentialsDto, 'sap-b1': SapB1CredentialsDto } as const;

/** The stored credentials as the API shows them: secrets masked, everything else as stored. */
export class ExportCredentialsView {
  @ApiProperty({ enum: ['xero', 'sage', 'sap-b1'] }) target!: string;
  @ApiProperty({ description: 'The credentials with secrets masked to their last four characters', example: { accessToken: '************abcd', tenantId: '4f2c…' } })
  credentials!: Record<string, unknown>;
  @ApiProperty() updatedAt!: string;
}
