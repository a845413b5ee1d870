import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { TEST_WORKFLOW_BUNDLE } from '../utils/test-env';

/**
 * A dispatcher run started by the release before the dispatcher polled (it drained the queue,
 * waited 30 idle seconds for a wake-up and ended) may still run when workers upgrade: the new
 * code must replay its history and carry it on, or no email leaves. The history (binary
 * protobuf) was recorded from that release's workflow: a batch, an idle wait, a wake-up, the
 * lanes again.
 */
describe('emailDispatchWorkflow across the upgrade', () => {
  it('replays a history recorded before the dispatcher polled', async () => {
    const bytes = await readFile(
      join(__dirname, 'fixtures', 'email-dispatch-before-polling.history.bin'),
    );
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE } },
        temporal.api.history.v1.History.decode(bytes),
        'email-dispatcher-before-polling',
      ),
    ).resolves.toBeUndefined();
  });
});
