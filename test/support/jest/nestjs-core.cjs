// The ES module instance of @nestjs/core that the tests use, for CommonJS callers (./resolver.cjs).
module.exports = require('./esm-instance.cjs')('@nestjs/core');
