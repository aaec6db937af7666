import type { Command } from 'commander';
import { ProjectionRunner } from '@app/read-models';
import cliProgress from 'cli-progress';
import { withRuntime } from '../cli-context.js';

export function registerProjectionCommands(program: Command): void {
  const projections = program.command('projections').description('Read models built from the events');

  projections
    .command('rebuild')
    .description(
      'Build the read models again from position 0 beside the live ones, then swap them in (readers keep the live ones until then)',
    )
    .option('-p, --projection <name...>', 'only these projections (default: all)')
    .action(async (options: { projection?: string[] }) => {
      await withRuntime(
        async (context) => {
          const runner = context.get(ProjectionRunner);
          const known = runner.projections.map((p) => p.name);
          const unknown = (options.projection ?? []).filter((name) => !known.includes(name));
          if (unknown.length > 0) {
            throw new Error(`Unknown projection ${unknown.join(', ')} (known: ${known.join(', ')})`);
          }
          const names = options.projection ?? known;
          const total = Math.max(1, (await runner.status())[0]?.lag ?? 0) + 0;
          const bar = new cliProgress.SingleBar(
            { format: '{projection} [{bar}] {value} events', hideCursor: true, noTTYOutput: false },
            cliProgress.Presets.shades_classic,
          );
          const started = Date.now();
          let applied = 0;
          if (process.stderr.isTTY) bar.start(total, 0, { projection: names[0] });
          await runner.rebuild(names, (progress) => {
            applied = progress.applied;
            if (process.stderr.isTTY) {
              bar.setTotal(Math.max(bar.getTotal(), progress.applied));
              bar.update(progress.applied, { projection: progress.projection });
            }
          });
          if (process.stderr.isTTY) bar.stop();
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          console.log(`Rebuilt ${names.join(', ')} from position 0: ${applied} events in ${seconds} s`);
        },
        { catchUpFirst: false },
      );
    });

  projections
    .command('status')
    .description('Where each projection is, and how far it lags behind the event store')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(async (context) => {
        const status = await context.get(ProjectionRunner).status();
        if (options.json) return console.log(JSON.stringify(status, null, 2));
        for (const s of status)
          console.log(`${s.name}: checkpoint ${s.checkpoint}, head ${s.head}, lag ${s.lag}`);
      });
    });
}
