#!/usr/bin/env node
// The `planverk` command: runs the built CLI (npm install builds it through `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('planverk: the CLI is not built yet; run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
await import(entry.href);
