import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp, { type Options } from 'pino-http';
import { loadConfig } from '../../server/config/app-config';
import { pinoOptions } from '../../server/logging/pino-options';

describe('request logs', () => {
  it('keep no invitation or unsubscribe token, cookie or set-cookie', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const { pinoHttp: options } = pinoOptions(loadConfig({ LOG_LEVEL: 'info', NODE_ENV: 'test' }));
    const log = pinoHttp({ ...(options as Options), stream: sink });
    const server = createServer((req, res) => {
      // Express parses the query string onto the request, and the serializer logs it.
      Object.assign(req, { query: { token: 'SECRET-TOKEN' } });
      log(req, res);
      res.setHeader('set-cookie', 'ch_session=SECRET-SESSION');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/portal/invitations/preview?token=SECRET-TOKEN`, {
      headers: { cookie: 'ch_session=SECRET-COOKIE' },
    });
    await fetch(`http://127.0.0.1:${port}/api/unsubscribe/SECRET-TOKEN`, { method: 'POST' });
    await new Promise((resolve) => server.close(resolve));
    expect(logged).toContain('/api/portal/invitations/preview?token=[redacted]');
    expect(logged).toContain('/api/unsubscribe/[redacted]');
    expect(logged).not.toMatch(/SECRET-(TOKEN|SESSION|COOKIE)/);
  });
});
