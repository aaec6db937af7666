// Looks up an ES module namespace that ./nest-instances.ts loaded before the test file.
module.exports = (name) => {
  const namespace = globalThis[Symbol.for('planverk.jest.esm-instances')]?.[name];
  if (!namespace) {
    throw new Error(
      `${name} was required from CommonJS before test/support/jest/nest-instances.ts loaded it ` +
        '(is it in setupFilesAfterEnv?)',
    );
  }
  return namespace;
};
