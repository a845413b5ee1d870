import type { Identifier } from 'react-admin';
import type { Session } from '../types';
import { httpClient } from './http-client';

const mySessionsUrl = '/api/auth/sessions';
const staffSessionsUrl = (staffId: Identifier) =>
  `/api/staff/${encodeURIComponent(staffId)}/sessions`;

/** The data provider's calls on sign-in sessions: one's own, and (for admins) a staff member's. */
export const sessionCalls = {
  getMySessions: async () => (await httpClient(mySessionsUrl)).json as Session[],
  endMySession: (sessionId: Identifier) =>
    httpClient(`${mySessionsUrl}/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
  getStaffSessions: async (staffId: Identifier) =>
    (await httpClient(staffSessionsUrl(staffId))).json as Session[],
  /** Signs the staff member out everywhere. */
  endStaffSessions: (staffId: Identifier) =>
    httpClient(staffSessionsUrl(staffId), { method: 'DELETE' }),
};
