// Jest runs the TypeScript sources as native ES modules (NestJS 12 is ESM-only, and on
// Node 20 Jest can only load ESM through --experimental-vm-modules; see docs/adr/0002).
// swc strips types only: `npm test` runs `tsc --noEmit` first, so type errors still fail the run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Worker threads (@app/off-thread) load modules with Node's loader, not jest's: from the sources,
// each imports this first (set here so jest's worker processes inherit it; the built api ignores it).
process.env.PLANVERK_WORKER_IMPORT ??= fileURLToPath(
  new URL('./test/support/jest/worker-typescript.mjs', import.meta.url),
);

const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8'));

/** Path aliases from tsconfig.base.json, so jest and tsc can never disagree. */
const aliasMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target.replace(/^\.\//, '')}`,
  ]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const tier = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { ...aliasMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  // @nestjs/throttler is CommonJS and requires the ESM-only @nestjs/common and @nestjs/core: the
  // resolver hands it the instances the tests import (Jest cannot require ESM on Node 20; docs/adr/0006).
  resolver: '<rootDir>/test/support/jest/resolver.cjs',
  ...extra,
});

/**
 * The tiers that may start the app load @nestjs/common and @nestjs/core as ES modules first, for
 * the resolver's shims to hand out (~0.2 s per test file, so the pure unit tier does without).
 */
const withNest = { setupFilesAfterEnv: ['<rootDir>/test/support/jest/nest-instances.ts'] };

export default {
  projects: [
    tier('unit', ['<rootDir>/{apps,libs}/**/*.spec.ts']),
    tier('int', ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], withNest),
    tier('e2e', ['<rootDir>/test/**/*.e2e-spec.ts'], withNest),
    tier('browser', ['<rootDir>/test/**/*.browser-spec.ts'], withNest),
  ],
  // Process-level tests start the built api and CLI, which takes seconds, not milliseconds
  // (jest reads this option only at the top level, not per project).
  testTimeout: 60_000,
  // Two at a time on the 2-core machine: most e2e files wait on PostgreSQL or a child process
  // much of the time, and one at a time the suite took ~8.5 minutes.
  maxWorkers: 2,
};
