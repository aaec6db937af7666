import 'reflect-metadata';
import { ConfigError } from '@app/config';
import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.command.js';
import { registerBenchCommands } from './commands/bench.command.js';
import { registerDiffCommand } from './commands/diff.command.js';
import { registerFollowUpCommand } from './commands/follow-up.command.js';
import { registerImportExportCommands } from './commands/import-export.command.js';
import { registerLineageCommands } from './commands/lineage.command.js';
import { registerPlanCommands } from './commands/plans.command.js';
import { registerUserCommands } from './commands/users.command.js';
import { registerProjectionCommands } from './commands/projections.command.js';
import { registerReportCommand } from './commands/report.command.js';
import { registerMeetingCommands } from './commands/meetings.command.js';

const program = new Command('planverk')
  .description(
    'Planverk: event-sourced work plans.\n' +
      'Uses the same configuration as the api: DATABASE_URL for PostgreSQL, otherwise the\n' +
      'embedded database in PLANVERK_DATA_DIR (default ./data); EVENTSTORE_CONNECTION_STRING\n' +
      'for EventStoreDB. With the embedded database, stop the api first: one process at a time.',
  )
  .version('0.1.0')
  .showHelpAfterError();

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

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message;
  console.error(`planverk: ${message}`);
  process.exit(1);
});
