// Only a portal page of ours: never another site, nor sign-in or invitation pages themselves.
const RETURNABLE = /^\/portal(\/[A-Za-z0-9_-]+)*\/?$/;
const NOT_RETURNABLE = /^\/portal\/(login|accept)\/?$/;

const isReturnable = (path: string) => RETURNABLE.test(path) && !NOT_RETURNABLE.test(path);

/**
 * The sign-in page's address, coming back to `path` once signed in: a link from an email (a
 * request, a client) should land where it pointed, not on the home page.
 */
export function signInHref(path: string): string {
  const normalised = path.replace(/\/+$/, '') || '/portal';
  return normalised !== '/portal' && isReturnable(normalised)
    ? `/portal/login?next=${encodeURIComponent(normalised)}`
    : '/portal/login';
}

/** `next` if it is a portal page of ours to land on, else home. */
export const landingPath = (next: string | null | undefined): string =>
  next && isReturnable(next) ? next : '/portal/';
