import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalConnectionOptions } from '../../server/temporal/temporal-connection-options';
import { testServices } from '../utils/test-env';

/**
 * Temporal Cloud signs in with an API key over TLS. Against the plaintext dev server, the
 * options with a key fail (they speak TLS) and the options without one connect: the API's and
 * the worker's connections follow TEMPORAL_API_KEY.
 */
describe('Temporal connection options', () => {
  const address = testServices().temporalAddress;
  const plain = temporalConnectionOptions({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_API_KEY: undefined,
  });
  const cloud = temporalConnectionOptions({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_API_KEY: 'test-key',
  });

  it('connects in plaintext without a key', async () => {
    expect(plain).toEqual({ address });
    const client = await Connection.connect({ ...plain, connectTimeout: 5_000 });
    await client.close();
    const worker = await NativeConnection.connect(plain);
    await worker.close();
  });

  it('speaks TLS with the key, so a plaintext server is not reached', async () => {
    expect(cloud).toEqual({ address, tls: true, apiKey: 'test-key' });
    await expect(Connection.connect({ ...cloud, connectTimeout: 2_000 })).rejects.toThrow();
    await expect(NativeConnection.connect(cloud)).rejects.toThrow();
  });
});
