import type { ChildProcess } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Agent } from 'supertest';
import { sealedContentKey } from '../../server/modules/files/content-keys';
import { SealedStorage } from '../../server/modules/storage/sealed-storage.service';
import { heavySharedStringsXlsx, xlsxBuffer } from '../unit/imports/import-fixtures';
import { person, TEMPLATE_HEADER, waitForImport, type ImportJobBody } from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';
import { spawnWorker } from '../utils/worker-process';

const MB = 1024 * 1024;

/**
 * The real worker process (built by `npm test`, with its small production heap) against
 * workbooks that used to take it down or litter the disk.
 */
describe('import worker resources', () => {
  let t: TestApp;
  let admin: Agent;
  let worker: ChildProcess | undefined;
  let workerTmp = '';

  const startWorker = () => {
    worker = spawnWorker(t, {
      IMPORT_MAX_ROWS: String(t.config.IMPORT_MAX_ROWS),
      TMPDIR: workerTmp, // its OS temp folder, to see what it leaves there
    });
  };
  const workerAlive = () => worker?.exitCode === null && worker.signalCode === null;
  const clients = (n: number) =>
    xlsxBuffer([
      TEMPLATE_HEADER,
      ...Array.from({ length: n }, (_, i) => {
        const client = person(i + 1);
        return TEMPLATE_HEADER.map((column) => client[column] ?? '');
      }),
    ]);
  const upload = async (file: Buffer): Promise<string> =>
    (await admin.post('/api/imports').attach('file', file, 'clients.xlsx').expect(202)).body.id;

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_CHUNK_SIZE: '100', IMPORT_MAX_ROWS: '3000' });
    admin = await t.signIn();
    workerTmp = join(t.config.DATA_DIR, 'worker-os-tmp');
    await mkdir(workerTmp, { recursive: true });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t.close();
  });

  it('refuses the 16 MB / 200 MB shared-strings workbook by name, and the worker stays up', async () => {
    // Accepted by an API that reads it with a larger budget than the worker has (or swapped
    // on disk after the upload): the worker, not the upload check, meets the file.
    const id = await upload(await clients(1));
    const [{ sha256 }] = await t.query<{ sha256: string }>(
      `select f.sha256 from import_job j join stored_file f on f.id = j.file_id where j.id = $1`,
      [id],
    );
    await t.app
      .get(SealedStorage)
      .write(sealedContentKey(sha256), Readable.from([await heavySharedStringsXlsx(200 * MB)]));

    startWorker();
    const job = await waitForImport(admin, id, ['failed', 'completed'], 120_000);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'IMPORT_WORKBOOK_TOO_LARGE' });
    expect(job.error).toMatch(/^Reading this Excel file would take about \d+ MB of memory/);
    expect(workerAlive()).toBe(true);

    // The same worker goes on with the next import.
    const next = await waitForImport(admin, await upload(await clients(3)), [
      'completed',
      'failed',
    ]);
    expect(next).toMatchObject({ status: 'completed', created: 3 });
    expect(workerAlive()).toBe(true);
  }, 180_000);

  it('leaves no temp file once imports complete, fail and are cancelled', async () => {
    if (!workerAlive()) startWorker();
    const spooledByApi = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const apiBefore = await spooledByApi();

    const done = await waitForImport(admin, await upload(await clients(5)));
    expect(done.status).toBe('completed');
    const tooMany = await waitForImport(admin, await upload(await clients(3001)));
    expect(tooMany).toMatchObject({ status: 'failed', errorCode: 'IMPORT_TOO_MANY_ROWS' });

    const id = await upload(await clients(3000));
    let job: ImportJobBody = await waitForImport(admin, id, ['processing', 'completed']);
    expect(job.status).toBe('processing');
    await admin.post(`/api/imports/${id}/cancel`).expect(202);
    job = await waitForImport(admin, id);
    expect(job.status).toBe('cancelled');

    expect(await readdir(workerTmp)).toEqual([]);
    expect(await spooledByApi()).toEqual(apiBefore);
    expect(workerAlive()).toBe(true);
  }, 180_000);
});
