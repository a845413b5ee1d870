import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startS3TestServer } from '../../scripts/lib/s3-test-server';

describe('the tests’ S3 server', () => {
  it('refuses a port where another server already answers, instead of using that server', async () => {
    // Another run's moto_server, as far as the readiness check can tell.
    const other = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      // `true` exits at once, as moto_server does when it cannot bind.
      await expect(startS3TestServer('true', port)).rejects.toThrow(`Port ${port} is in use`);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
