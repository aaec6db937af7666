const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The dependency direction of DESIGN.md, checked on every `npm test`:
 * domain <- application (libs/plans) <- adapters (event stores, read models, database) <- apps.
 */

/**
 * The packages the domain may import. The domain must stay pure (no framework, no database,
 * no I/O, nothing that could make a decider's answer depend on more than its arguments), but
 * a pure function from a maintained library is no threat to that, and a hand-written copy of
 * one is a liability: jsdiff's shortest edit script under the word diff, the Snowball
 * Norwegian stemmer (Orama's build of it) under text similarity. Each must have no
 * dependencies of its own, so that allowing it allows nothing else: checked below when the
 * rules are read, since dependency-cruiser does not follow imports into node_modules.
 */
const PURE_PACKAGES = ['diff', '@orama/stemmers'];

for (const name of PURE_PACKAGES) {
  const manifest = JSON.parse(readFileSync(join(__dirname, 'node_modules', name, 'package.json'), 'utf8'));
  const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  if (dependencies.length > 0)
    throw new Error(
      `${name} may be imported by libs/domain only while it has no dependencies, but it has ${dependencies.join(', ')}`,
    );
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain imports nothing of ours outside itself and, from node_modules, only the pure, ' +
        'dependency-free packages of PURE_PACKAGES: no framework, no database, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: {
        // node_modules may be reached through a symlink (../node_modules/ in a git worktree).
        pathNot: `^libs/domain/|(^|/)node_modules/(${PURE_PACKAGES.map(escape).join('|')})/`,
      },
    },
    {
      name: 'domain-no-node-io',
      comment:
        'Not even in its specs: node: built-ins are I/O, clocks and processes, none of which a decider needs.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'application-uses-the-port-not-an-adapter',
      comment: 'Command handlers depend on the EventStore port, never on a store client.',
      severity: 'error',
      from: { path: '^libs/(plans|event-store|domain)/' },
      to: {
        path: '^libs/(event-store-postgres|event-store-esdb|database|read-models|runtime)/|node_modules/(pg|kysely|@electric-sql|@eventstore)/',
      },
    },
    {
      name: 'port-knows-no-adapter',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(?!event-store/)' },
    },
    {
      name: 'adapters-do-not-reach-up',
      comment: 'Event stores and read models do not import the application layer or the wiring.',
      severity: 'error',
      from: { path: '^libs/(event-store-postgres|event-store-esdb|database|read-models|config)/' },
      to: { path: '^libs/(plans|runtime)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-test-code',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$|^libs/testing/' },
      to: { path: '\\.(spec|int-spec|e2e-spec)\\.ts$|^libs/testing/|^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
  },
};
