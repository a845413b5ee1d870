/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// Email templates are TSX (React Email); only .tsx files are parsed as such.
const swcTsx = [
  swc[0],
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { ...swc[1].jsc.parser, tsx: true },
      transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic' } },
    },
  },
];

const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx, '^.+\\.js$': swc },
  // otplib's base32 and HMAC (@scure, @noble) ship only as ES modules: compiled like our code.
  transformIgnorePatterns: ['/node_modules/(?!(@scure|@noble|@otplib/plugin-crypto-noble)/)'],
  setupFiles: ['reflect-metadata'],
  // tsconfig.json's path aliases
  moduleNameMapper: { '^@(server|workflows|worker|scripts|test)/(.*)$': '<rootDir>/$1/$2' },
};

/** The specs that store, read or remove files: run a second time with files in S3. */
const STORAGE_SPECS = [
  'client-files',
  'client-files-attacks',
  'file-requests',
  'imports',
  'sharing',
  'storage',
].map((name) => `**/test/integration/${name}.spec.ts`);

/** Processes that share no disk: with files in S3 only. */
const S3_ONLY_SPECS = ['**/test/e2e/replicas.spec.ts'];

/**
 * Specs that measure the test process's own memory run alone, after the others (`npm test`'s
 * second pass, JEST_ALONE=1): the rest run two files at a time, and a neighbour's work would
 * show in their figures.
 */
const ALONE_SPECS = ['**/test/integration/storage.spec.ts'];
const ALONE = process.env.JEST_ALONE === '1';
const notAlone = ALONE ? [] : ['/test/integration/storage\\.spec\\.ts$'];

module.exports = {
  projects: [
    {
      ...project,
      displayName: 'local',
      ...(ALONE && { testMatch: ALONE_SPECS }),
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/replicas\\.spec\\.ts$', ...notAlone],
    },
    {
      ...project,
      displayName: 's3',
      testMatch: ALONE ? ALONE_SPECS : [...STORAGE_SPECS, ...S3_ONLY_SPECS],
      testPathIgnorePatterns: ['/node_modules/', ...notAlone],
      setupFiles: [...project.setupFiles, '<rootDir>/test/utils/s3-storage.setup.ts'],
    },
  ],
  globalSetup: '<rootDir>/test/utils/global-setup.ts',
  globalTeardown: '<rootDir>/test/utils/global-teardown.ts',
  testTimeout: 60_000,
  // Something a failed test leaves open (a worker, a socket) must not hang the run past its
  // results: those are printed, then the process exits.
  forceExit: true,
  maxWorkers: 1,
};
