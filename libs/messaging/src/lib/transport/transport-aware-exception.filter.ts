import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every error into a generic `{status:'error'}`; the
 * transport needs the original error to tell a permanent failure from a transient one.
 * HTTP errors keep Nest's usual handling.
 */
@Catch()
export class TransportAwareExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    super.catch(exception, host);
  }
}
