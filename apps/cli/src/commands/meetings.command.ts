import { type Command, Option } from 'commander';
import { protocolToYaml } from '@app/plan-document';
import { renderPapersText, renderPlanMarkdown } from '@app/read-models';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ReplayOutcome } from '../backend/planverk-backend.js';
import { withBackend } from '../backend/with-backend.js';

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
      const text = readFileSync(file, 'utf8');
      await withBackend(async (backend) => {
        const { outcome, markdown } = await backend.replay(text, options.dryRun === true);
        if (options.json) {
          return console.log(JSON.stringify({ ...outcome, ...(markdown ? { markdown } : {}) }, null, 2));
        }
        printOutcome(outcome, outcome.dryRun ? process.stderr : process.stdout);
        if (markdown) process.stdout.write(markdown);
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
      await withBackend(async (backend) => {
        const result = await backend.importAmendments(options.meeting, text);
        if (options.json) return console.log(JSON.stringify(result, null, 2));
        if (result.filed.length === 0) console.log('Nothing in this list could be filed');
        else
          console.log(
            `Filed ${result.filed.length} amendments: ${result.filed.join(', ')}${result.recommended.length > 0 ? ` (with the committee's recommendation: ${result.recommended.join(', ')})` : ''}`,
          );
        for (const u of result.unresolved) {
          console.log(
            `  not filed: ${u.no !== undefined ? `no. ${u.no}` : 'an entry'}${u.line ? ` (line ${u.line})` : ''}: ${u.message}`,
          );
        }
        if (result.unresolved.length > 0 || result.filed.length === 0) process.exitCode = 1;
      });
    });

  const meetings = program.command('meetings').description('Meetings that treat plans, from the read model');

  meetings
    .command('list')
    .description('List meetings')
    .option('--plan <planId>', 'only the meetings treating this plan')
    .option('--json', 'print JSON')
    .action(async (options: { plan?: string; json?: boolean }) => {
      await withBackend(async (backend) => {
        const list = await backend.meetings(options.plan);
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
      await withBackend(async (backend) => {
        const meeting = await backend.meeting(meetingId);
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
      await withBackend(async (backend) => {
        const protocol = await backend.protocol(meetingId);
        const body =
          options.format === 'json' ? `${JSON.stringify(protocol, null, 2)}\n` : protocolToYaml(protocol);
        if (options.out) writeFileSync(options.out, body);
        else process.stdout.write(body);
      });
    });

  meetings
    .command('papers <meetingId>')
    .description(
      'The meeting papers: the plan the meeting treats, every line numbered as amendments cite them',
    )
    .option('--json', 'print the papers model (each line with its number, kind, text and element)')
    .action(async (meetingId: string, options: { json?: boolean }) => {
      await withBackend(async (backend) => {
        const papers = await backend.papers(meetingId);
        if (options.json) return console.log(JSON.stringify(papers, null, 2));
        if (papers.matches === false)
          console.error('The papers no longer come out as the meeting recorded them when it was scheduled');
        process.stdout.write(renderPapersText(papers.papers));
      });
    });

  meetings
    .command('preview <meetingId>')
    .description('What-if: the plan (Markdown) as it would be if these pending amendments were adopted')
    .requiredOption('--adopt <numbers>', 'amendment numbers, e.g. 1,4,7')
    .option('--json', 'print JSON')
    .action(async (meetingId: string, options: { adopt: string; json?: boolean }) => {
      if (!/^\d+(,\d+)*$/.test(options.adopt)) throw new Error('--adopt takes amendment numbers, e.g. 1,4,7');
      await withBackend(async (backend) => {
        const preview = await backend.preview(meetingId, options.adopt.split(',').map(Number));
        if (options.json) return console.log(JSON.stringify(preview, null, 2));
        for (const o of preview.outcomes)
          console.error(`${o.no}\t${o.result}${o.reason ? `: ${o.reason}` : ''}`);
        process.stdout.write(renderPlanMarkdown(preview.plan));
      });
    });
}

function printOutcome(result: ReplayOutcome, out: NodeJS.WritableStream): void {
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
