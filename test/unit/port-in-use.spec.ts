import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { portInUse } from '../../scripts/lib/port-in-use';

describe('a bench checks its ports before touching its data', () => {
  it('sees a port another process listens on, and a free one', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    expect(await portInUse(port)).toBe(true);
    await new Promise((resolve) => other.close(resolve));
    expect(await portInUse(port)).toBe(false);
  });
});
