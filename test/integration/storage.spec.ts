import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import request, { type Agent } from 'supertest';
import { legacyContentKey, sealedContentKey } from '../../server/modules/files/content-keys';
import { FileStore } from '../../server/modules/files/file-store.service';
import { masterKeyId } from '../../server/modules/storage/master-keyring';
import { decodeHeader, FRAME_BYTES } from '../../server/modules/storage/sealed-stream';
import { signInSteps } from '../utils/second-factor';
import { objectStore, rawObject, sha256Of } from '../utils/stored-content';
import { startTestApp, type TestApp } from '../utils/test-app';
import { TEST_ADMIN, testStorage } from '../utils/test-env';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
const keyA = randomBytes(32);
const keyB = randomBytes(32);
const b64 = (key: Buffer) => key.toString('base64');

/** The same store and database as `t`, under other master key settings (another replica). */
const sameStore = (t: TestApp, keys: Record<string, string>) =>
  startTestApp({
    DATABASE_URL: t.db.url,
    DATA_DIR: t.config.DATA_DIR,
    ...(t.config.S3_BUCKET && { S3_BUCKET: t.config.S3_BUCKET }),
    ...keys,
  });

describe(`file storage (${testStorage()})`, () => {
  let t: TestApp;
  let admin: Agent;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp({ STORAGE_MASTER_KEY: b64(keyA), FILE_MAX_MB: '200' });
    admin = await t.signIn();
    clientId = (await admin.post('/api/clients').send({ companyName: 'Vault LLC' }).expect(201))
      .body.id;
  });
  afterAll(() => t.close());

  const upload = async (content: Buffer, name = 'return.pdf') =>
    (await admin.post(`/api/clients/${clientId}/files`).attach('file', content, name).expect(201))
      .body.id as string;
  const download = (agent: Agent, fileId: string) =>
    agent.get(`/api/files/${fileId}/download`).responseType('blob');
  /** The `code` of an error answer (downloads come as bytes, errors too). */
  const codeOf = (res: { body: Buffer }) =>
    (JSON.parse(Buffer.from(res.body).toString()) as { code: string }).code;

  it('keeps an upload sealed in the store and gives it back intact through the API', async () => {
    const content = PDF(`Form 1040 of Jane Roe, SSN 078-05-1120 ${'x'.repeat(2 * FRAME_BYTES)}`);
    const fileId = await upload(content);
    const raw = (await rawObject(t, sealedContentKey(sha256Of(content))))!;
    expect(raw).not.toBeNull();
    expect(raw.includes(Buffer.from('078-05-1120'))).toBe(false);
    expect(decodeHeader(raw)?.keyId).toBe(masterKeyId(keyA));
    const res = await download(admin, fileId).expect(200);
    expect(Buffer.from(res.body).equals(content)).toBe(true);
  });

  it('refuses to serve an object that was altered in the store', async () => {
    const content = Buffer.from(`Company,Email\n${'Acme,ceo@acme.test\n'.repeat(20_000)}`);
    const fileId = await upload(content, 'clients.csv');
    const key = sealedContentKey(sha256Of(content));
    const sealed = (await rawObject(t, key))!;
    const header = decodeHeader(sealed)!.bytes.length;

    // The first frame is checked before the response starts: a clear error, no bytes.
    const early = Buffer.from(sealed);
    early[header + 100] ^= 0x01;
    await objectStore(t).put(key, Readable.from([early]));
    expect(codeOf(await download(admin, fileId).expect(500))).toBe('STORAGE_INTEGRITY');

    // A later frame cut off: the download breaks off instead of ending as if complete.
    await objectStore(t).put(key, Readable.from([sealed.subarray(0, sealed.length - 40)]));
    const late = await download(admin, fileId).then(
      (r) => Buffer.from(r.body as Buffer).length,
      () => -1, // the connection was cut
    );
    expect(late).toBeLessThan(content.length);

    await objectStore(t).put(key, Readable.from([sealed]));
    expect(Buffer.from((await download(admin, fileId).expect(200)).body).equals(content)).toBe(
      true,
    );
  });

  it('reads content stored before encryption, and seals it on storage:rewrap', async () => {
    const content = PDF('a 2019 return uploaded before encryption');
    const sha256 = sha256Of(content);
    await objectStore(t).put(legacyContentKey(sha256), Readable.from([content]));
    const [row] = await t.query<{ id: string }>(
      `with sf as (insert into stored_file (id, sha256, size, original_name, encrypted)
         values (gen_random_uuid(), $1, $2, 'old.pdf', false) returning id),
       f as (insert into client_file (client_id, name) values ($3, 'old.pdf') returning id)
       insert into client_file_version (file_id, version, stored_file_id, content_type, size)
       select f.id, 1, sf.id, 'application/pdf', $2 from f, sf returning file_id as id`,
      [sha256, content.length, clientId],
    );
    expect(Buffer.from((await download(admin, row.id).expect(200)).body).equals(content)).toBe(
      true,
    );

    expect(await t.app.get(FileStore).rewrapAll()).toMatchObject({ sealed: 1 });
    const [after] = await t.query<{ encrypted: boolean }>(
      'select encrypted from stored_file where sha256 = $1',
      [sha256],
    );
    expect(after.encrypted).toBe(true);
    expect(await rawObject(t, legacyContentKey(sha256))).toBeNull();
    expect((await rawObject(t, sealedContentKey(sha256)))!.includes(content)).toBe(false);
    expect(Buffer.from((await download(admin, row.id).expect(200)).body).equals(content)).toBe(
      true,
    );
  });

  it('rotates the master key: old files stay readable, rewrap moves them to the new key', async () => {
    const content = PDF('sealed under key A, read after rotating to key B');
    const fileId = await upload(content);
    const key = sealedContentKey(sha256Of(content));

    // Rotation step 1: every process gets the new key, the old one as previous.
    const rotated = await sameStore(t, {
      STORAGE_MASTER_KEY: b64(keyB),
      STORAGE_PREVIOUS_MASTER_KEYS: b64(keyA),
    });
    const onlyB = await sameStore(t, { STORAGE_MASTER_KEY: b64(keyB) });
    try {
      const viaRotated = await rotated.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const viaOnlyB = await onlyB.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      expect(Buffer.from((await download(viaRotated, fileId).expect(200)).body)).toEqual(content);
      // Without the old key the file cannot be read, and the error says why.
      const missing = await download(viaOnlyB, fileId).expect(500);
      expect(codeOf(missing)).toBe('STORAGE_UNKNOWN_MASTER_KEY');

      // Step 2: rewrap; every object is now wrapped by key B, and a second run has nothing to do.
      const first = await rotated.app.get(FileStore).rewrapAll();
      expect(first.rewrapped).toBeGreaterThanOrEqual(1);
      expect(decodeHeader((await rawObject(t, key))!)?.keyId).toBe(masterKeyId(keyB));
      expect(await rotated.app.get(FileStore).rewrapAll()).toEqual({ rewrapped: 0, sealed: 0 });

      // Step 3: the old key can go.
      expect(Buffer.from((await download(viaOnlyB, fileId).expect(200)).body)).toEqual(content);
      expect(codeOf(await download(admin, fileId).expect(500))).toBe('STORAGE_UNKNOWN_MASTER_KEY');
    } finally {
      await onlyB.close();
      await rotated.close();
    }
  });

  it('streams a large upload and download without holding the file in memory', async () => {
    const cookie = await sessionCookie(t);
    // A first, smaller round trip grows the heap and the store's client to their working size,
    // so the measured one shows what a transfer keeps, not the process warming up.
    await roundTrip(cookie, 16 * 1024 * 1024);
    const size = 128 * 1024 * 1024;
    const peak = watchRss();
    const { sent, received, length } = await roundTrip(cookie, size);
    const growth = peak.stop();
    expect(length).toBe(size);
    expect(received).toBe(sent);
    // A file held in memory would add its 128 MB (and more for its ciphertext). A stream keeps
    // its parts in flight, socket buffers and garbage not yet collected: up to 70 MB measured in
    // a process of its own, so the bound sits between that and the file.
    expect(growth).toBeLessThan((size * 3) / 4);
  });

  /** Uploads `size` bytes as a multipart file, downloads it back; both sides' SHA-256. */
  async function roundTrip(cookie: string, size: number) {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const boundary = `----storage${randomBytes(8).toString('hex')}`;
    const sent = createHash('sha256');
    async function* body() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n` +
          'Content-Type: text/plain\r\n\r\n',
      );
      for (let at = 0; at < size; at += chunk.length) {
        sent.update(chunk);
        yield chunk;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }

    const uploaded = await send(
      `${t.url}/api/clients/${clientId}/files`,
      {
        method: 'POST',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      Readable.from(body()),
    );
    const fileId = (JSON.parse((await readAll(uploaded)).toString()) as { id: string }).id;
    expect(uploaded.statusCode).toBe(201);

    const received = createHash('sha256');
    let length = 0;
    const res = await send(`${t.url}/api/files/${fileId}/download`, { headers: { cookie } });
    expect(res.statusCode).toBe(200);
    for await (const part of res) {
      received.update(part as Buffer);
      length += (part as Buffer).length;
    }
    return { sent: sent.digest('hex'), received: received.digest('hex'), length };
  }
});

function watchRss(): { stop(): number } {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) - base;
    },
  };
}

async function sessionCookie(t: TestApp): Promise<string> {
  const signedIn = await signInSteps(request.agent(t.url), t.config.DATABASE_URL, TEST_ADMIN);
  return /ch_session=[^;]+/.exec(String(signedIn.headers['set-cookie']))![0];
}

function send(
  url: string,
  options: { method?: string; headers: Record<string, string> },
  body?: Readable,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, options, resolve);
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const part of res) chunks.push(part as Buffer);
  return Buffer.concat(chunks);
}
