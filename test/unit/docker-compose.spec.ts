import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { API_NODE_FLAGS } from '../../server/api-node-flags';
import { envSchema, settingsSchema } from '../../server/config/env.schema';
import { projectRoot } from '../../server/project-root';
import { WORKER_NODE_FLAGS } from '../../worker/worker-node-flags';

type Port = string | { host_ip?: string; published?: string };

interface Service {
  image?: string;
  command?: string[];
  container_name?: string;
  ports?: Port[];
  environment?: Record<string, string | number | boolean | null>;
  secrets?: (string | { source: string })[];
  configs?: (string | { source: string })[];
}

interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, unknown>;
  configs?: Record<string, { content?: string }>;
}

/** The services built from this repository's image, which read the env schema. */
const APP_SERVICES = ['api', 'worker'];

/**
 * Compose's interpolation with nothing set in the environment or .env: `${VAR:-default}` and
 * `${VAR-default}` give the default, `${VAR}` is empty, `$$` is a dollar sign.
 */
const interpolate = (value: string): string =>
  value.replace(/\$\$|\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (match, _braced, fallback) =>
    match === '$$' ? '$' : ((fallback as string | undefined) ?? ''),
  );

const names = (refs: Service['secrets']): string[] =>
  (refs ?? []).map((ref) => (typeof ref === 'string' ? ref : ref.source));

describe('docker-compose.yml', () => {
  const compose = load(readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8')) as Compose;
  const service = (name: string): Service => compose.services[name];
  const environment = (name: string): Record<string, string> =>
    Object.fromEntries(
      Object.entries(service(name).environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v ?? '')),
      ]),
    );

  /** Only the proxy in front of the API faces the network: the rest has no sign-in of its own. */
  it('publishes every port but the proxy’s on loopback only, and no app service port', () => {
    const published = Object.entries(compose.services).flatMap(([name, { ports = [] }]) =>
      ports.map((port) => ({
        service: name,
        hostIp: typeof port === 'string' ? port.split(':').slice(0, -2).join(':') : port.host_ip,
      })),
    );
    expect(published.map((p) => p.service).sort()).toEqual([
      'minio',
      'proxy',
      'temporal',
      'temporal-ui',
    ]);
    const open = published.filter((p) => p.service !== 'proxy' && p.hostIp !== '127.0.0.1');
    expect(open).toEqual([]);
  });

  it('lets api and worker scale (`--scale`): no container name, no published port', () => {
    for (const name of APP_SERVICES) {
      expect({ name, container_name: service(name).container_name }).toEqual({ name });
      expect({ name, ports: service(name).ports }).toEqual({ name });
    }
    // The proxy finds every api container by the service's name, on the port the API listens on.
    const caddyfile = compose.configs?.caddyfile?.content ?? '';
    expect(caddyfile).toContain(`dynamic a api ${environment('api').PORT}`);
  });

  it('runs the API (the image’s command) and the worker with their Node flags', () => {
    const dockerfile = readFileSync(join(projectRoot(), 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd).toEqual(['node', ...API_NODE_FLAGS, 'dist/server/main.js']);
    expect(service('api').command).toBeUndefined();
    expect(service('worker').command).toEqual([
      'node',
      ...WORKER_NODE_FLAGS,
      'dist/worker/main.js',
    ]);
  });

  it('sets only variables the env schema knows on api and worker', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of APP_SERVICES) {
      const unknown = Object.keys(environment(name)).filter((key) => !known.has(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('sets every required variable, and settings the schema accepts together', () => {
    const required = Object.entries(envSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key);
    for (const name of APP_SERVICES) {
      const env = environment(name);
      const missing = required.filter((key) => !env[key]);
      expect({ name, missing }).toEqual({ name, missing: [] });
      const parsed = settingsSchema.safeParse(env);
      expect({ name, issues: parsed.error?.issues ?? [] }).toEqual({ name, issues: [] });
      // The same stack for both: files in the bucket, one master key, one database.
      expect(parsed.data?.S3_BUCKET).toBeTruthy();
    }
    expect(environment('worker')).toEqual(environment('api'));
  });

  it('mounts every secret a variable points at, and declares every secret and config used', () => {
    for (const [name, { secrets, configs }] of Object.entries(compose.services)) {
      const undeclaredSecrets = names(secrets).filter((s) => !compose.secrets?.[s]);
      const undeclaredConfigs = names(configs).filter((c) => !compose.configs?.[c]);
      expect({ name, undeclaredSecrets, undeclaredConfigs }).toEqual({
        name,
        undeclaredSecrets: [],
        undeclaredConfigs: [],
      });
    }
    for (const name of APP_SERVICES) {
      const env = environment(name);
      expect(env.STORAGE_MASTER_KEY).toBeUndefined();
      const fromSecrets = Object.values(env)
        .filter((value) => value.startsWith('/run/secrets/'))
        .map((path) => path.slice('/run/secrets/'.length));
      expect(fromSecrets).toContain('storage_master_key');
      expect(names(service(name).secrets)).toEqual(expect.arrayContaining(fromSecrets));
    }
  });
});
