import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { Agent } from 'supertest';

export const TEMPLATE_HEADER = [
  'First Name',
  'Last Name',
  'Email',
  'Phone',
  'Company',
  'Street',
  'City',
  'State',
  'Postal Code',
  'Tax Client ID',
  'Tags',
  'Is Offline',
];

const quote = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV in the template's layout; each row is a partial record by header. */
export function csvOf(rows: Record<string, string>[], header = TEMPLATE_HEADER): Buffer {
  const lines = [
    header.join(','),
    ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(',')),
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

export const person = (n: number, extra: Record<string, string> = {}): Record<string, string> => ({
  'First Name': `First${n}`,
  'Last Name': `Last${n}`,
  Email: `person${n}@example.com`,
  'Tax Client ID': `TX-${String(n).padStart(6, '0')}`,
  ...extra,
});

const FINISHED = ['completed', 'failed', 'cancelled', 'undone'];

export interface ImportJobBody {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  unknownColumns: string[];
  error: string | null;
  errorCode: string | null;
  workflowId: string;
  undoReport: {
    deleted: number;
    restored: number;
    skippedCount: number;
    skipped: { clientId: string; reason: string }[];
  } | null;
}

/** Uploads a file and waits for the workflow to finish. */
export async function runImport(
  agent: Agent,
  file: Buffer,
  name = 'clients.csv',
  fields: Record<string, string> = {},
): Promise<ImportJobBody> {
  let req = agent.post('/api/imports').attach('file', file, name);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req.expect(202);
  return waitForImport(agent, res.body.id);
}

export async function waitForImport(
  agent: Agent,
  id: string,
  until = FINISHED,
  timeoutMs = 60_000,
): Promise<ImportJobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await agent.get(`/api/imports/${id}`).expect(200)).body as ImportJobBody;
    if (until.includes(job.status)) return job;
    if (Date.now() > deadline)
      throw new Error(`Import ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits for an import whose worker was killed after `processedAtKill` of its `rows`: it
 * completes, every row created.
 */
export async function expectCompletedAfterKill(
  agent: Agent,
  id: string,
  rows: number,
  processedAtKill: number,
  timeoutMs: number,
): Promise<void> {
  const done = await waitForImport(agent, id, ['completed', 'failed'], timeoutMs);
  expect(processedAtKill).toBeLessThan(rows);
  expect(done).toMatchObject({
    status: 'completed',
    total: rows,
    processed: rows,
    created: rows,
    failed: 0,
  });
}

/** Downloads a file from the API as bytes. */
export async function downloadBytes(agent: Agent, path: string): Promise<Buffer> {
  return (await agent.get(path).buffer(true).parse(binary).expect(200)).body as Buffer;
}

/** Downloads an .xlsx from the API and opens it. */
export async function downloadWorkbook(agent: Agent, path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await downloadBytes(agent, path)) as unknown as ArrayBuffer);
  return book;
}

/** supertest parser for binary downloads. */
function binary(res: Response, done: (e: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
