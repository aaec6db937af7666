/**
 * The api's V8 memory flags are written once, in `npm start` (package.json), and the Docker image
 * runs the api with the same ones (the benchmark reads them from package.json): a deployment
 * measured with other flags than it runs with would measure something else (issue 17's RSS target).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFlagsOf as flagsOf } from '../../bench/memory-flags.js';
import { REPO_ROOT } from '../support/processes.js';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe("the api's memory flags", () => {
  it('are the same in npm start and the Dockerfile, a heap budget and small semi-spaces', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    const cmd = read('Dockerfile').match(/^CMD .*$/m)?.[0] ?? '';
    expect(flagsOf(start)).toEqual(['--max-old-space-size=384', '--max-semi-space-size=8']);
    expect(flagsOf(cmd)).toEqual(flagsOf(start));
  });
});
