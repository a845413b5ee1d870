import { setTimeout as delay } from 'node:timers/promises';
import { spawnChild } from '../../scripts/lib/child-process';
import { supervise, type Supervised } from '../../scripts/lib/supervisor';

/** `npm start` keeps the api and the worker up: a crashed one is started again, with backoff. */
describe('start supervisor', () => {
  let supervised: Supervised | undefined;
  afterEach(() => supervised?.stop(1_000));

  /** Supervises `node -e script`, recording when each child starts and what is logged. */
  function run(script: string, resetAfterMs = 60_000) {
    const starts: number[] = [];
    const logged: string[] = [];
    supervised = supervise(
      () => {
        starts.push(Date.now());
        return spawnChild('worker', process.execPath, ['-e', script]);
      },
      { initialBackoffMs: 100, maxBackoffMs: 400, resetAfterMs, log: (m) => logged.push(m) },
    );
    return { starts, logged };
  }
  const until = async (check: () => boolean) => {
    for (const deadline = Date.now() + 20_000; !check(); await delay(20)) {
      if (Date.now() > deadline) throw new Error('timed out');
    }
  };

  it('restarts a crashing child with a backoff that doubles up to its cap, until stopped', async () => {
    const { starts, logged } = run('process.exit(3)');
    await until(() => starts.length === 5);
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeLessThan(400 + 3_000); // capped (plus a node start)
    expect(logged.slice(0, 3)).toEqual([
      'The worker process exited with code 3 unexpectedly; restarting it in 0.1 s.',
      'The worker process exited with code 3 unexpectedly; restarting it in 0.2 s.',
      'The worker process exited with code 3 unexpectedly; restarting it in 0.4 s.',
    ]);

    await supervised!.stop(1_000);
    const stoppedAt = starts.length;
    await delay(800);
    expect(starts).toHaveLength(stoppedAt);
  });

  it('starts again after the first backoff once a child had run for a while', async () => {
    const { starts, logged } = run('setTimeout(() => process.exit(1), 300)', 200);
    await until(() => starts.length === 3);
    expect(logged.slice(0, 2)).toEqual([
      'The worker process exited with code 1 unexpectedly; restarting it in 0.1 s.',
      'The worker process exited with code 1 unexpectedly; restarting it in 0.1 s.',
    ]);
  });

  it('does not restart a child it was asked to stop', async () => {
    const { starts, logged } = run('setInterval(() => {}, 1000)');
    await delay(300);
    await supervised!.stop(1_000);
    expect(supervised!.current().isRunning()).toBe(false);
    await delay(300);
    expect(starts).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});
