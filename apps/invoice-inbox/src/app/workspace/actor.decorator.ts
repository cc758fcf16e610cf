import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedRequest } from '@hub/platform';

/**
 * Who is acting, as recorded on transitions, approvals and comments: `token:<id>` of the
 * API token (the guard has resolved it; the token itself is never stored).
 */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('A valid API token is required');
  return `token:${principal.tokenId}`;
});
