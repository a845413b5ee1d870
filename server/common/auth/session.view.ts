import { z } from 'zod';
import { isoDate } from '../http/iso-date';
import { timestampField } from '../http/view-fields';
import { describeDevice } from './session-device';

/** A live session as its owner (or a Staff Admin) sees it; never its token or the token's hash. */
export const sessionViewSchema = z.object({
  id: z.uuid(),
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: timestampField,
  lastSeenAt: timestampField,
  /** The session making this request. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export interface SessionRow {
  publicId: string;
  tokenHash: string;
  userAgent?: string | null;
  ip?: string | null;
  createdAt: Date | string;
  lastSeenAt: Date | string;
}

export function toSessionView(row: SessionRow, currentTokenHash?: string): SessionView {
  return {
    id: row.publicId,
    device: describeDevice(row.userAgent),
    ip: row.ip ?? null,
    createdAt: isoDate(row.createdAt),
    lastSeenAt: isoDate(row.lastSeenAt),
    current: row.tokenHash === currentTokenHash,
  };
}

/** Sessions for an audit summary: "Chrome 131 on Linux (desktop) from 203.0.113.5, …". */
export const describeSessions = (sessions: SessionView[]): string =>
  sessions.map((s) => (s.ip ? `${s.device} from ${s.ip}` : s.device)).join(', ');
