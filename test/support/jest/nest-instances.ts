// Jest setup (setupFilesAfterEnv): loads @nestjs/common and @nestjs/core as ES modules in the
// test file's own module registry, so the CommonJS shims beside this file hand @nestjs/throttler
// the same instances as the app gets (same HttpException class, same Reflector, same DI tokens).
// See ./resolver.cjs and docs/adr/0006-throttler-under-jest.md.
const instances = {
  '@nestjs/common': await import('@nestjs/common'),
  '@nestjs/core': await import('@nestjs/core'),
};
(globalThis as Record<symbol, unknown>)[Symbol.for('planverk.jest.esm-instances')] = instances;

export {};
