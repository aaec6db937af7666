import { type Command, Option } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { parseMeetingProtocol, protocolToYaml } from '@app/plan-document';
import { ReplayProtocolCommand, type ReplayResult } from '@app/plans';
import { planViewFromEvents, renderPlanMarkdown } from '@app/read-models';
import { AmendmentListImports, MeetingQueries } from '@app/runtime';

import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { withRuntime } from '../cli-context.js';

const cliActor = (): string => `cli:${userInfo().username}`;

/** `planverk replay` and `planverk meetings ...`: annual-meeting protocols, replayed and shown. */
export function registerMeetingCommands(program: Command): void {
  program
    .command('replay <protocol>')
    .description(
      'Replay a meeting protocol (YAML/JSON) as commands: schedule, amendments, recommendations, votes; ' +
        'a protocol with any problem is refused whole and writes nothing; replaying it again changes nothing',
    )
    .option(
      '--dry-run',
      'show the resulting plan (Markdown, on standard output) and each outcome, write nothing',
    )
    .option('--json', 'print the outcome as JSON')
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const parsed = parseMeetingProtocol(readFileSync(file, 'utf8'));
      await withRuntime(async (context) => {
        const now = new Date().toISOString();
        const result: ReplayResult = await context.get(CommandBus).execute(
          new ReplayProtocolCommand(parsed.protocol, {
            dryRun: options.dryRun === true,
            actor: cliActor(),
            now,
            lineOf: parsed.lineOf,
          }),
        );
        const { planEvents, ...outcome } = result;
        const plan = result.dryRun ? planViewFromEvents(planEvents, now.slice(0, 10)) : undefined;
        if (options.json) {
          return console.log(
            JSON.stringify({ ...outcome, ...(plan ? { markdown: renderPlanMarkdown(plan) } : {}) }, null, 2),
          );
        }
        const out = result.dryRun ? process.stderr : process.stdout;
        printOutcome(result, out);
        if (plan) process.stdout.write(renderPlanMarkdown(plan));
      });
    });

  program
    .command('amendments')
    .description('Amendment lists')
    .command('import <file>')
    .description(
      'File the amendments of a list in the text shape parties circulate (Forslagsstiller, Plass, Type forslag, Forslag, Forklaring)',
    )
    .requiredOption('--meeting <id>', 'the meeting that treats them')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { meeting: string; json?: boolean }) => {
      const text = readFileSync(file, 'utf8');
      await withRuntime(async (context) => {
        if (!(await context.get(MeetingQueries).find(options.meeting))) {
          process.exitCode = 2;
          return console.error(`Meeting "${options.meeting}" not found`);
        }
        const result = await context
          .get(AmendmentListImports)
          .importList(options.meeting, text, `cli:${userInfo().username}`);
        if (options.json) return console.log(JSON.stringify(result, null, 2));
        console.log(`Filed ${result.filed.length} amendments: ${result.filed.join(', ') || '-'}`);
        for (const u of result.unresolved) {
          console.log(
            `  not filed: ${u.no !== undefined ? `no. ${u.no}` : 'an entry'}${u.line ? ` (line ${u.line})` : ''}: ${u.message}`,
          );
        }
        if (result.unresolved.length > 0) process.exitCode = 1;
      });
    });

  const meetings = program.command('meetings').description('Meetings that treat plans, from the read model');

  meetings
    .command('list')
    .description('List meetings')
    .option('--plan <planId>', 'only the meetings treating this plan')
    .option('--json', 'print JSON')
    .action(async (options: { plan?: string; json?: boolean }) => {
      await withRuntime(async (context) => {
        const list = await context.get(MeetingQueries).list(options.plan);
        if (options.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('No meetings yet.');
        for (const m of list)
          console.log(`${m.id}\t${m.body} ${m.date}\t${m.planId}\t${m.amendments} amendments\t${m.status}`);
      });
    });

  meetings
    .command('show <meetingId>')
    .description('A meeting: amendments per target with status and votes, conflicts, what is left to vote on')
    .option('--json', 'print JSON')
    .action(async (meetingId: string, options: { json?: boolean }) => {
      await withRuntime(async (context) => {
        const meeting = await context.get(MeetingQueries).find(meetingId);
        if (!meeting) {
          process.exitCode = 2;
          return console.error(`Meeting "${meetingId}" not found`);
        }
        if (options.json) return console.log(JSON.stringify(meeting, null, 2));
        console.log(
          `${meeting.id}: ${meeting.body} ${meeting.date}, ${meeting.planId} (revision ${meeting.planRevision})`,
        );
        for (const t of meeting.targets) {
          console.log(`  ${t.target}`);
          for (const a of t.amendments) {
            const votes = a.votes
              ? ` (${a.votes.for ?? '-'}/${a.votes.against ?? '-'}/${a.votes.abstain ?? '-'})`
              : '';
            const why = a.reason ? `: ${a.reason}` : '';
            console.log(`    ${a.no}\t${a.op}\t${a.status}${votes}${why}`);
          }
        }
        for (const c of meeting.conflicts)
          console.log(`  conflict on ${c.target}: ${c.amendments.join(', ')}`);
        if (meeting.toVote.length > 0) console.log(`  to vote on, in order: ${meeting.toVote.join(', ')}`);
        if (meeting.planVote) console.log(`  the plan as a whole: ${meeting.planVote.result}`);
      });
    });

  meetings
    .command('protocol <meetingId>')
    .description('The meeting as recorded, in the protocol format (replays to the same result)')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (meetingId: string, options: { format: 'yaml' | 'json'; out?: string }) => {
      await withRuntime(async (context) => {
        const protocol = await context.get(MeetingQueries).protocol(meetingId);
        if (!protocol) {
          process.exitCode = 2;
          return console.error(`Meeting "${meetingId}" not found`);
        }
        const body =
          options.format === 'json' ? `${JSON.stringify(protocol, null, 2)}\n` : protocolToYaml(protocol);
        if (options.out) writeFileSync(options.out, body);
        else process.stdout.write(body);
      });
    });

  meetings
    .command('preview <meetingId>')
    .description('What-if: the plan (Markdown) as it would be if these pending amendments were adopted')
    .requiredOption('--adopt <numbers>', 'amendment numbers, e.g. 1,4,7')
    .option('--json', 'print JSON')
    .action(async (meetingId: string, options: { adopt: string; json?: boolean }) => {
      if (!/^\d+(,\d+)*$/.test(options.adopt)) throw new Error('--adopt takes amendment numbers, e.g. 1,4,7');
      await withRuntime(async (context) => {
        const preview = await context
          .get(MeetingQueries)
          .preview(meetingId, options.adopt.split(',').map(Number));
        if (!preview) {
          process.exitCode = 2;
          return console.error(`Meeting "${meetingId}" not found`);
        }
        if (options.json) return console.log(JSON.stringify(preview, null, 2));
        for (const o of preview.outcomes)
          console.error(`${o.no}\t${o.result}${o.reason ? `: ${o.reason}` : ''}`);
        process.stdout.write(renderPlanMarkdown(preview.plan));
      });
    });
}

function printOutcome(result: ReplayResult, out: NodeJS.WritableStream): void {
  out.write(
    `${result.dryRun ? 'Dry run: ' : ''}meeting ${result.meetingId} on ${result.planId}, ${result.amendments.length} amendments\n`,
  );
  for (const a of result.amendments) {
    const voted = a.voted ? ` (voted ${a.voted})` : '';
    const modified = a.modified ? ' as modified by the committee' : '';
    out.write(
      `  ${a.no}\t${a.target}\t${a.op}\t${a.status}${modified}${voted}${a.reason ? `: ${a.reason}` : ''}\n`,
    );
  }
  if (result.planVote)
    out.write(`The plan as a whole: ${result.planVote} (adopted revision ${result.adoptedRevision})\n`);
  if (!result.dryRun) {
    out.write(
      result.appended > 0
        ? `Appended ${result.appended} events\n`
        : 'Nothing changed: this protocol was replayed before\n',
    );
  }
}
