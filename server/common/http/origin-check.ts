import type { RequestHandler } from 'express';
import { AuthErrors } from '../auth/auth.errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signed webhooks, and one-click unsubscribes that mail clients post (the token is the key). */
const EXEMPT = ['/api/webhooks/', '/api/unsubscribe/'];

/**
 * CSRF defence on top of SameSite=Lax cookies: a state-changing request that a browser marks
 * as coming from another site is refused. Browsers send `Origin` on every cross-origin POST
 * (and `Sec-Fetch-Site`); clients that send neither are not browsers, so carry no ambient
 * cookie risk. Webhooks are signed instead and come from anywhere; so do unsubscribes, which
 * use no session.
 */
export function originCheck(publicUrl: string, corsOrigins: string[]): RequestHandler {
  const allowed = new Set([new URL(publicUrl).origin, ...corsOrigins]);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || EXEMPT.some((p) => req.path.startsWith(p))) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const foreign = origin
      ? !allowed.has(origin) &&
        !(site === 'same-origin' && origin === `${req.protocol}://${req.get('host')}`)
      : site === 'cross-site';
    if (!foreign) return next();
    next(
      AuthErrors.AUTH_FORBIDDEN(
        `Cross-site request refused: ${origin ?? 'another site'} may not change data here.`,
      ),
    );
  };
}
