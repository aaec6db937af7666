#!/usr/bin/env node
// Builds dist/ from the TypeScript sources: tsc (incremental: dist/.tsbuildinfo keeps what it
// compiled, so it recompiles only what changed) and tsc-alias (the @app/* paths to relative
// imports), then marks the build complete. `--if-changed` (npm start) first looks whether any
// source, directory or build setting changed since the last complete build and does nothing if
// none did: a few milliseconds, where tsc alone needs seconds to find out.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.build-complete');
const SETTINGS = ['tsconfig.base.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The newest change to what the build reads: TypeScript files, and directories (a file added, removed or renamed). */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const top of ['apps', 'libs']) visit(join(root, top));
  for (const file of SETTINGS) {
    const path = join(root, file);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput();
}

function run(bin, args) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', ...bin), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--if-changed') && upToDate()) process.exit(0);
// The stamp gets the time the build started: a file saved while it runs makes the next start build again.
const started = new Date();
if (process.argv.includes('--if-changed')) console.log('Building: the sources changed since the last build');
run(['typescript', 'bin', 'tsc'], ['-p', 'tsconfig.build.json']);
run(['tsc-alias', 'dist', 'bin', 'index.js'], ['-p', 'tsconfig.build.json']);
writeFileSync(STAMP, '');
utimesSync(STAMP, started, started);
