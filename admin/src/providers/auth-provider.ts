import type { AuthProvider } from 'react-admin';
import type { StaffUser } from '../types';
import { httpClient } from './http-client';
import { isAllowed } from './permissions';

// The session itself is an httpOnly cookie; this only caches whom it belongs to, so that
// identity and permission checks don't each cost a request. Logging out clears it.
let currentUser: Promise<StaffUser> | undefined;

const fetchCurrentUser = (): Promise<StaffUser> => {
  const request = httpClient('/api/auth/me').then(({ json }) => json as StaffUser);
  currentUser = request;
  request.catch(() => {
    if (currentUser === request) currentUser = undefined;
  });
  return request;
};

const getCurrentUser = () => currentUser ?? fetchCurrentUser();

export const authProvider: AuthProvider = {
  // The sign-in page runs the steps (password, second factor) and hands over who signed in.
  login: async ({ user }: { user: StaffUser }) => {
    currentUser = Promise.resolve(user);
  },

  logout: async () => {
    currentUser = undefined;
    // The session may already be gone (that is often why we are logging out).
    await httpClient('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  },

  checkAuth: () =>
    getCurrentUser().then(
      () => undefined,
      // Not signed in is the normal state before login: redirect without an error toast.
      () => Promise.reject({ message: false }),
    ),

  // A 401 anywhere means the session is gone: react-admin then says so and calls logout(),
  // which clears the cached user. (Clearing it here would make react-admin think we were
  // already signed out and skip its "session has ended" notice.)
  checkError: (error: { status?: number }) =>
    error?.status === 401 ? Promise.reject() : Promise.resolve(),

  getIdentity: async () => {
    const user = await getCurrentUser();
    const fullName = `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim();
    return { ...user, fullName: fullName || user.email };
  },

  canAccess: async ({ resource, action, record }) => {
    const user = await getCurrentUser();
    return isAllowed(user.roles, resource, action, record);
  },
};
