import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { projectRoot } from '../../server/project-root';

interface Compose {
  services: Record<string, { ports?: (string | { host_ip?: string; published?: string })[] }>;
}

/** Only the API faces the network; Temporal and its Web UI have no sign-in of their own. */
describe('docker-compose.yml', () => {
  const compose = load(readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8')) as Compose;

  it('publishes every port but the API on loopback only', () => {
    const published = Object.entries(compose.services).flatMap(([service, { ports = [] }]) =>
      ports.map((port) => ({
        service,
        hostIp: typeof port === 'string' ? port.split(':').slice(0, -2).join(':') : port.host_ip,
      })),
    );
    expect(published.map((p) => p.service).sort()).toEqual(['api', 'temporal', 'temporal-ui']);
    const open = published.filter((p) => p.service !== 'api' && p.hostIp !== '127.0.0.1');
    expect(open).toEqual([]);
  });
});
