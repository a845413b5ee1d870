import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  tags?: { name: string; value: string }[];
  headers?: Record<string, string>;
  receivedAt: number;
}

export interface RecordedRequest {
  path: string;
  idempotencyKey: string | null;
  emails: number;
  /** When the whole request had arrived, as the rate limit counts it. */
  at: number;
  status: number;
}

export interface ResendStandIn {
  url: string;
  apiKey: string;
  /** Every email accepted, in order (a replayed idempotent request adds none). */
  emails: SentEmail[];
  requests: RecordedRequest[];
  /** The next `count` requests are accepted, then answered 500: a lost answer, for retry tests. */
  loseNextAnswers(count: number): void;
  close(): Promise<void>;
}

interface Options {
  apiKey?: string;
  /** Resend's default is 2 requests a second per team; more in a second gets 429. */
  requestsPerSecond?: number;
  /** How long an answer takes after the request arrived (the real API's round trip). */
  answerDelayMs?: number;
}

/**
 * A local stand-in for Resend's API that the real SDK talks to (RESEND_BASE_URL): POST /emails
 * and /emails/batch with Resend's checks that matter here — the API key, the per-second rate
 * limit (429) and idempotency keys (same key and body: the first answer again; same key,
 * another body: 409).
 */
export async function startResendStandIn(options: Options = {}): Promise<ResendStandIn> {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replaceAll('-', '')}`;
  const limit = options.requestsPerSecond ?? 2;
  const answerDelayMs = options.answerDelayMs ?? 0;
  const emails: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { body: string; status: number; answer: unknown }>();
  let windowStart = 0;
  let inWindow = 0;
  let answersToLose = 0;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const arrivedAt = Date.now();
    const reply = (status: number, answer: unknown, emailCount = 0) => {
      requests.push({
        path: req.url ?? '',
        idempotencyKey: header(req, 'idempotency-key'),
        emails: emailCount,
        at: arrivedAt,
        status,
      });
      setTimeout(
        () =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
        answerDelayMs,
      );
    };
    const error = (status: number, name: string, message: string) =>
      reply(status, { statusCode: status, name, message });

    if (req.method !== 'POST' || !['/emails', '/emails/batch'].includes(req.url ?? '')) {
      return error(404, 'not_found', 'The requested endpoint does not exist.');
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return error(401, 'invalid_api_key', 'API key is invalid');
    }
    if (arrivedAt - windowStart >= 1000) [windowStart, inWindow] = [arrivedAt, 0];
    if (++inWindow > limit) {
      return error(429, 'rate_limit_exceeded', `Too many requests: ${limit} per second allowed.`);
    }
    const key = header(req, 'idempotency-key');
    const seen = key ? idempotent.get(key) : undefined;
    if (seen) {
      return seen.body === body
        ? reply(seen.status, seen.answer)
        : error(409, 'invalid_idempotent_request', 'Same idempotency key, different payload.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return error(422, 'validation_error', 'Body is not JSON');
    }
    const batch = req.url === '/emails/batch';
    const list = (batch ? parsed : [parsed]) as Omit<SentEmail, 'id' | 'receivedAt'>[];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) {
      return error(422, 'validation_error', 'A batch holds 1 to 100 emails.');
    }
    const invalid = list.findIndex((e) => !e.from || !e.to?.length || !e.subject);
    if (invalid >= 0)
      return error(422, 'validation_error', `Email ${invalid} lacks from/to/subject`);
    const accepted = list.map((e) => ({ ...e, id: randomUUID(), receivedAt: Date.now() }));
    emails.push(...accepted);
    const answer = batch ? { data: accepted.map((e) => ({ id: e.id })) } : { id: accepted[0].id };
    if (key) idempotent.set(key, { body, status: 200, answer });
    if (answersToLose > 0) {
      answersToLose--;
      return error(500, 'internal_server_error', 'Accepted, but the answer was lost.');
    }
    reply(200, answer, accepted.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    emails,
    requests,
    loseNextAnswers: (count) => void (answersToLose = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The shortest time any `perSecond + 1` requests in a row span: at least 1000 ms if the limit held. */
export function tightestSpanMs(requests: RecordedRequest[], perSecond: number): number {
  const at = requests.map((r) => r.at).sort((a, b) => a - b);
  return Math.min(...at.slice(perSecond).map((end, i) => end - at[i]));
}
