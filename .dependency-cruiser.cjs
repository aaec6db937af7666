/**
 * The dependency direction of DESIGN.md, checked on every `npm test`:
 * domain <- application (libs/plans) <- adapters (event stores, read models, database) <- apps.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing of ours outside itself, no framework, no database, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: '^libs/domain/',
      },
    },
    {
      name: 'domain-no-node-io',
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
