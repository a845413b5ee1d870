import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  error?: Error;
}

export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** Settles once the process has exited or failed to spawn; never rejects. */
  readonly exited: Promise<ChildExit>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL when it is still alive after `graceMs`. */
  stop(graceMs?: number): Promise<ChildExit>;
}

const running = new Set<ChildProcess>();

// Last resort against orphans: whatever way this process exits, take the children with it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns a long-running child whose stdout/stderr are piped (see prefixOutput, keepTail). */
export function spawnChild(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ManagedChild {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (error) => {
      // 'error' also fires when kill() fails; only a failed spawn leaves pid undefined.
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
  }).finally(() => running.delete(child));

  const isRunning = () =>
    child.pid !== undefined && child.exitCode === null && child.signalCode === null;

  const stop = async (graceMs = 10_000): Promise<ChildExit> => {
    if (isRunning()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  return { name, process: child, exited, isRunning, stop };
}

/** Forwards every output line of the child to ours as `[name] line`. */
export function prefixOutput(managed: ManagedChild): void {
  const { stdout, stderr } = managed.process;
  forwardLines(stdout, process.stdout, `[${managed.name}]`);
  forwardLines(stderr, process.stderr, `[${managed.name}]`);
}

/** Remembers the last `maxLines` lines of a stream, to explain a failed start. */
export function keepTail(stream: Readable | null, maxLines = 40): () => string {
  const lines: string[] = [];
  if (stream) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > maxLines) lines.shift();
    });
  }
  return () => lines.join('\n');
}

/** Human-readable exit description: "exited with code 1" / "was killed by SIGKILL". */
export function describeExit({ code, signal, error }: ChildExit): string {
  if (error) return `could not be started (${error.message})`;
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

function forwardLines(
  stream: Readable | null,
  target: NodeJS.WritableStream,
  prefix: string,
): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    target.write(`${prefix} ${line}\n`);
  });
}
