/** Why an emailed single-use link no longer opens its page. */
export type LinkTokenProblem = 'TOKEN_INVALID' | 'USED' | 'EXPIRED' | 'REVOKED';

export interface LinkTokenState {
  used: boolean;
  expired: boolean;
  /** Superseded by a newer link, withdrawn, or its account can no longer use it. */
  revoked: boolean;
}

/**
 * The one rule of every emailed link (portal invitation, staff invitation, password reset):
 * it opens while unused, unexpired and not superseded; else the reason, most useful first
 * (a used link means the password is set, which matters more than its expiry).
 */
export function linkTokenProblem(state: LinkTokenState | undefined): LinkTokenProblem | null {
  if (!state) return 'TOKEN_INVALID';
  if (state.used) return 'USED';
  if (state.expired) return 'EXPIRED';
  if (state.revoked) return 'REVOKED';
  return null;
}
