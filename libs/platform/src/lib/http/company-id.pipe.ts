import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const COMPANY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Rejects a malformed `:companyId` with a 400 naming the field. */
@Injectable()
export class CompanyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!COMPANY_ID.test(value)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        fields: [{ field: 'companyId', errors: ['companyId must be 1-64 letters, digits, _ or -'] }],
      });
    }
    return value;
  }
}
