import { join, resolve } from 'node:path';

/** Where and on which ports the test run's own services live (apart from `npm start`'s). */
export const TEST_DATA_DIR = resolve(
  process.env.TEST_DATA_DIR ?? resolve(__dirname, '..', '..', '.data', 'test'),
);
// Overridable so a second checkout can run its suite beside this one.
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
export const TEST_PG_PORT = port('TEST_PG_PORT', 54339);
export const TEST_TEMPORAL_PORT = port('TEST_TEMPORAL_PORT', 7243);
export const TEST_TEMPORAL_UI_PORT = port('TEST_TEMPORAL_UI_PORT', 8243);
export const TEST_S3_PORT = port('TEST_S3_PORT', 9343);
export const TEST_TEMPLATE_DB = 'ch_test_template';
export const TEST_ADMIN = {
  email: 'admin@clienthub.test',
  password: 'correct-horse-battery-staple',
};
export const TEST_WORKFLOW_BUNDLE = join(TEST_DATA_DIR, 'workflow-bundle.js');

/** Set by the global setup for every test file. */
export function testServices(): {
  pgServerUrl: string;
  temporalAddress: string;
  s3Endpoint: string;
} {
  const pgServerUrl = process.env.TEST_PG_SERVER_URL;
  const temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const s3Endpoint = process.env.TEST_S3_ENDPOINT;
  if (!pgServerUrl || !temporalAddress || !s3Endpoint)
    throw new Error('Run tests through Jest: the global setup starts the services');
  return { pgServerUrl, temporalAddress, s3Endpoint };
}

/** The store this test file's apps keep files in: the `s3` Jest project runs files against S3. */
export const testStorage = (): 'local' | 's3' =>
  process.env.TEST_STORAGE === 's3' ? 's3' : 'local';
