/**
 * One supported Node version, named alike everywhere a newcomer or a machine looks for it, and
 * every dependency installs on it without an engine warning (issue 16, "Done when": `npm
 * install` on the version the README names prints no engine warning, and CI runs on it).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/processes.js';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const major = read('.nvmrc').trim();

describe('the Node version', () => {
  it('is one major, named alike in .nvmrc, the README, engines, the Dockerfile and CI, and is the one running', () => {
    expect(major).toMatch(/^\d+$/);
    expect(read('README.md')).toMatch(new RegExp(`with Node ${major} LTS`));
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(new RegExp(`^>=${major}\\.\\d+\\.\\d+ <${Number(major) + 1}$`));
    for (const from of read('Dockerfile').match(/^FROM node:\S+/gm) ?? ['(none)'])
      expect(from).toMatch(new RegExp(`^FROM node:${major}-`));
    expect(read('.ci/run')).toMatch(new RegExp(`^node_major=${major}$`, 'm'));
    expect(process.versions.node.split('.')[0]).toBe(major);
  });

  it('installs every locked dependency without an engine warning', () => {
    // npm checks each package's engines against this Node as it installs; a dry run from the
    // lockfile does the same check without touching node_modules or the network.
    const dir = mkdtempSync(join(tmpdir(), 'planverk-engines-'));
    try {
      for (const file of ['package.json', 'package-lock.json'])
        copyFileSync(join(REPO_ROOT, file), join(dir, file));
      const npm = spawnSync(
        'npm',
        ['install', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(npm.status).toBe(0);
      expect(`${npm.stdout}${npm.stderr}`).not.toMatch(/EBADENGINE|Unsupported engine/);
      expect(npm.stdout).toMatch(/added \d+ packages/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
