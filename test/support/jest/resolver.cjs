// Jest resolver: a CommonJS `require('@nestjs/common')` or `require('@nestjs/core')` (from
// @nestjs/throttler, which is CommonJS) resolves to a shim that hands out the very ES module
// instance the tests import, loaded by ./nest-instances.ts. Node 20.19+ does this itself
// (require(esm)); Jest's CommonJS loader on Node 20 cannot. Every other request resolves as
// usual. See docs/adr/0006-throttler-under-jest.md.
const path = require('node:path');

const SHIMS = {
  '@nestjs/common': path.join(__dirname, 'nestjs-common.cjs'),
  '@nestjs/core': path.join(__dirname, 'nestjs-core.cjs'),
};

module.exports = (request, options) => {
  const shim = SHIMS[request];
  if (shim && options.conditions?.includes('require')) return shim;
  return options.defaultResolver(request, options);
};
