import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { describeExit, keepTail, spawnChild } from './child-process';
import { portInUse } from './port-in-use';
import { waitFor } from './wait-for';

export interface S3TestServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** The credentials moto accepts (any); a real store's would come from configuration. */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test-secret' };

/** moto's S3 server on loopback: a real HTTP S3 API (signatures, multipart), kept in memory. */
export async function startS3TestServer(binary: string, port: number): Promise<S3TestServer> {
  const endpoint = `http://127.0.0.1:${port}`;
  // A server left on the port (another run's) would answer the readiness check while ours
  // fails to bind, and the tests would use a store that is not theirs.
  if (await portInUse(port)) {
    throw new Error(`Port ${port} is in use (another S3 server?): stop it or set TEST_S3_PORT.`);
  }
  const server = spawnChild('moto', binary, ['-H', '127.0.0.1', '-p', String(port)]);
  const output = keepTail(server.process.stderr);
  server.process.stdout?.resume();
  const died = new AbortController();
  void server.exited.then((exit) => died.abort(new Error(`moto_server ${describeExit(exit)}`)));
  try {
    await waitFor(async () => (await fetch(`${endpoint}/moto-api/`)).ok, {
      what: `moto_server on :${port}`,
      timeoutMs: 30_000,
      signal: died.signal,
    });
  } catch (error) {
    await server.stop(2_000);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output()}`);
  }
  return {
    endpoint,
    stop: async () => {
      await server.stop(5_000);
    },
  };
}

/** A new bucket of its own for one test app, and the settings that point the app at it. */
export async function createTestBucket(endpoint: string): Promise<Record<string, string>> {
  const bucket = `test-${randomBytes(6).toString('hex')}`;
  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_TEST_CREDENTIALS,
  });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    s3.destroy();
  }
  return {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
  };
}
