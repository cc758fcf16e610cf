import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { enrichContext } from '../logging/request-context';
import { type ApiTokens, mayActFor, type Principal } from './api-tokens';

export const API_TOKENS = Symbol('API_TOKENS');
const PUBLIC_ROUTE = 'hub:public-route';
const ADMIN_ROUTE = 'hub:admin-route';

/** Health, metrics: reachable without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
/** Operations across companies (dead letters, replays): only tokens scoped to `*`. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ROUTE, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/**
 * Every route needs a bearer token. A route with a `:companyId` parameter is allowed only
 * when the token is scoped to that company: a token for A asking for B gets 403, whether
 * or not B exists.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_TOKENS) private readonly tokens: ApiTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.tokens.resolve(bearer(req));
    if (!principal) throw new UnauthorizedException('A valid API token is required (Authorization: Bearer <token>)');
    req.principal = principal;

    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ROUTE, targets) && principal.companies !== 'all') {
      throw new ForbiddenException('This operation needs a token scoped to all companies');
    }
    const companyId = req.params['companyId'];
    if (companyId !== undefined) {
      if (!mayActFor(principal, companyId)) {
        throw new ForbiddenException(`This token may not act for company ${companyId}`);
      }
      enrichContext({ companyId });
    }
    return true;
  }
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const alt = req.headers['x-api-token'];
  return typeof alt === 'string' ? alt : undefined;
}
