import { useSyncExternalStore } from 'react';

// pushState and replaceState fire no event, so navigate() announces itself to usePathname.
const NAVIGATED = 'portal:navigated';

/** Changes page without a reload; `replace` when Back should not return to where we were. */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

// "/portal/" and "/portal" are the same page.
const currentPath = () => window.location.pathname.replace(/\/+$/, '') || '/';

/** The address bar's path without its trailing slash, kept current across navigations. */
export const usePathname = () => useSyncExternalStore(subscribe, currentPath);
