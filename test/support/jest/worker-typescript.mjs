// Imported first by every worker thread of @app/off-thread when the api runs from its TypeScript
// sources under jest (PLANVERK_WORKER_IMPORT, set in jest.config.js): a worker thread loads
// modules with Node's own loader, not jest's, so it is taught here what jest's config teaches
// jest: `@app/*` aliases from tsconfig.base.json, `./x.js` meaning `./x.ts`, and TypeScript
// compiled by the same swc settings. The built code (dist/) needs none of this.
import { transformSync } from '@swc/core';
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../../../', import.meta.url);
const tsconfig = JSON.parse(readFileSync(new URL('tsconfig.base.json', root), 'utf8'));
const aliases = new Map(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    alias,
    new URL(target, root).href,
  ]),
);

registerHooks({
  resolve(specifier, context, nextResolve) {
    const alias = aliases.get(specifier);
    if (alias) return { url: alias, shortCircuit: true };
    if (context.parentURL?.endsWith('.ts') && /^\.\.?\/.*\.js$/.test(specifier)) {
      const typescript = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
      if (existsSync(typescript)) return { url: typescript.href, shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    });
    return { format: 'module', source: code, shortCircuit: true };
  },
});
