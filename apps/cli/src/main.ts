import 'reflect-metadata';
import { ConfigError } from '@app/config';
import { PlanMomentNotFound } from '@app/read-models';
import { Command } from 'commander';
import { NotFoundError } from './backend/planverk-backend.js';
import { registerAuditCommands } from './commands/audit.command.js';
import { registerBenchCommands } from './commands/bench.command.js';
import { registerDiffCommand } from './commands/diff.command.js';
import { registerFollowUpCommand } from './commands/follow-up.command.js';
import { registerImportExportCommands } from './commands/import-export.command.js';
import { registerLineageCommands } from './commands/lineage.command.js';
import { registerLoginCommand } from './commands/login.command.js';
import { registerPlanCommands } from './commands/plans.command.js';
import { registerUserCommands } from './commands/users.command.js';
import { registerProjectionCommands } from './commands/projections.command.js';
import { registerReportCommand } from './commands/report.command.js';
import { registerMeetingCommands } from './commands/meetings.command.js';
import { ApiError } from './remote/api-client.js';
import { addTargetOptions } from './target.js';

const program = new Command('planverk')
  .description(
    'Planverk: event-sourced work plans.\n' +
      'Uses the same configuration as the api: DATABASE_URL for PostgreSQL, otherwise the\n' +
      'embedded database in PLANVERK_DATA_DIR (default ./data); EVENTSTORE_CONNECTION_STRING\n' +
      'for EventStoreDB. With the embedded database, stop the api first: one process at a time.\n' +
      'Remote mode: with --server <url> (or PLANVERK_SERVER) and a token (--token or PLANVERK_TOKEN),\n' +
      'the commands ask that Planverk api over HTTP instead (planverk --server URL plans list);\n' +
      'those with no route in the api refuse. planverk --server URL login gets a token.',
  )
  .version('0.1.0')
  .showHelpAfterError();
addTargetOptions(program);

registerProjectionCommands(program);
registerPlanCommands(program);
registerImportExportCommands(program);
registerLineageCommands(program);
registerUserCommands(program);

registerAuditCommands(program);
registerDiffCommand(program);
registerFollowUpCommand(program);
registerReportCommand(program);
registerBenchCommands(program);
registerMeetingCommands(program);
registerLoginCommand(program);

/** Not there (a plan, revision, date or meeting): 2, as the commands always said; anything else 1. */
const notFound = (error: unknown): boolean =>
  error instanceof NotFoundError ||
  error instanceof PlanMomentNotFound ||
  (error instanceof ApiError && error.status === 404);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message;
  console.error(`planverk: ${message}`);
  process.exit(notFound(error) ? 2 : 1);
});
