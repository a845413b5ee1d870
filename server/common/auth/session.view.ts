import { isoDate } from '../http/iso-date';
import { describeDevice } from './session-device';

/** A live session as its owner (or a Staff Admin) sees it; never its token or the token's hash. */
export interface SessionView {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** The session making this request. */
  current: boolean;
}

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
