import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { loadConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { PlanverkModule, demoSeedsDir } from '@app/runtime';
import {
  generateWorkload,
  loadTextCorpus,
  parseScale,
  summariseWorkload,
  writeWorkload,
} from '@app/workload';
import { requireDatabase } from '../target.js';

interface GenerateOptions {
  scale: string;
  seed: string;
  concurrency: string;
  seeds?: string;
  dryRun?: boolean;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${text}"`);
  return value;
}

export function registerBenchCommands(program: Command): void {
  const bench = program
    .command('bench')
    .description('Synthetic workloads for the benchmarks (npm run bench)');

  bench
    .command('generate')
    .description(
      'Write a deterministic synthetic party (1 national, 20 county and 400 local branches at the\n' +
        'default scale, a plan per four-year period over three periods, annual editions with\n' +
        'amendments and follow-up through every year: about 2 million events) into an empty store.\n' +
        'The read models catch up when the api or a CLI command next runs (or: projections rebuild).',
    )
    .option('--scale <scale>', 'tiny, small, medium, default, large, or a factor such as 0.1', 'default')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same events', '1')
    .option('--concurrency <n>', 'streams appended at once', '4')
    .option(
      '--seeds <dir>',
      'folder of plan texts the measure and goal texts are drawn from (default: demo/seeds)',
    )
    .option('--dry-run', 'only count and hash the events, write nothing')
    .action(async (options: GenerateOptions) => {
      requireDatabase();
      const scale = parseScale(options.scale);
      const seed = positiveInteger('--seed', options.seed);
      const concurrency = Math.max(1, positiveInteger('--concurrency', options.concurrency));
      const corpus = loadTextCorpus(options.seeds ?? demoSeedsDir());
      const phases = generateWorkload({ seed, scale, corpus });
      if (options.dryRun) {
        const summary = summariseWorkload(phases);
        console.log(
          `Scale ${scale.name}, seed ${seed}: ${summary.events} events in ${summary.appends} appends to ` +
            `${summary.streams} streams (sha256 ${summary.hash})`,
        );
        return;
      }
      const context = await NestFactory.createApplicationContext(
        PlanverkModule.forRoot({ config: loadConfig(), runProjections: false }),
        { logger: ['error', 'warn'] },
      );
      try {
        const store = context.get(EventStore);
        if ((await store.readStream('organisation-partiet', { maxCount: 1 })).length > 0) {
          throw new Error('this store already holds a generated workload: generate into an empty database');
        }
        const result = await writeWorkload(store, phases, {
          concurrency,
          onProgress: (p) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${p.phase}: ${p.events} events        `);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(
          `Wrote ${result.events} events in ${result.appends} appends to ${result.streams} streams in ` +
            `${result.seconds.toFixed(1)} s (${Math.round(result.events / result.seconds)} events/s); ` +
            `scale ${scale.name}, seed ${seed}, sha256 ${result.hash}`,
        );
      } finally {
        await context.close();
        Logger.flush();
      }
    });
}
