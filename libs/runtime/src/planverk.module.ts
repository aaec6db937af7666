import {
  Global,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { PlanverkConfig } from '@app/config';
import { migrateToLatest, openDatabase, type Database } from '@app/database';
import { EventStore } from '@app/event-store';
import { OffThread } from '@app/off-thread';
import { AccessCommandRunner, PlansModule, StreamSnapshots } from '@app/plans';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  ReadYourWrites,
  readModelMigrations,
  restoreDeferredIndexes,
} from '@app/read-models';
import { AccessService } from './access/access.service.js';
import { openEventStore } from './open-event-store.js';
import { AmendmentListImports } from './meetings/amendment-list-imports.js';
import { MeetingProtocols } from './meetings/meeting-protocols.js';
import { MeetingQueries } from './meetings/meeting-queries.js';

import { DirectoryImports } from './imports/import-directory.js';
import { PlanImports } from './imports/plan-imports.js';
import { PlanQueries } from './plan-queries.js';
import { CONFIG, DATABASE } from './tokens.js';
import { DatabaseStreamSnapshots } from './snapshots/database-stream-snapshots.js';

export interface RuntimeOptions {
  readonly config: PlanverkConfig;
  /** Keep the read models up to date in this process (the api does; a one-shot CLI command may not). */
  readonly runProjections: boolean;
  /** An already open database (tests share one); otherwise opened from the configuration. */
  readonly database?: Database;
}

/** Starts the projections once the app is up, and closes everything in order on shutdown. */
class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Runtime');
  constructor(
    private readonly options: RuntimeOptions,
    private readonly runner: ProjectionRunner,
    private readonly store: EventStore,
    private readonly database: Database,
    private readonly offThread: OffThread,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runProjections) await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.offThread.close();
    await this.runner.stop();
    await this.store.close();
    if (!this.options.database) await this.database.close();
    this.logger.log('Event store and database closed');
  }
}

/**
 * The composition root both apps share: configuration, database, the chosen event store
 * adapter, projections and the plan commands. Apps only add their surface (HTTP or CLI).
 */
@Global()
@Module({})
export class PlanverkModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: PlanverkModule,
      imports: [CqrsModule.forRoot(), PlansModule],
      providers: [
        { provide: CONFIG, useValue: options.config },
        {
          provide: DATABASE,
          useFactory: async (): Promise<Database> => {
            const database = options.database ?? (await openDatabase(options.config.database));
            await migrateToLatest(database.db, 'read_model', readModelMigrations);
            // Indexes a rebuild that died had dropped (docs/adr/0007): never run without them.
            await restoreDeferredIndexes(database.db);
            return database;
          },
        },
        {
          provide: EventStore,
          inject: [DATABASE],
          useFactory: (database: Database) => openEventStore(options.config, database),
        },
        {
          provide: StreamSnapshots,
          inject: [DATABASE],
          useFactory: (database: Database) => new DatabaseStreamSnapshots(database.db),
        },
        {
          provide: ProjectionRunner,
          inject: [DATABASE, EventStore],
          useFactory: (database: Database, store: EventStore) =>
            new ProjectionRunner(database.db, store, ALL_PROJECTIONS, (name, error) =>
              logger.error(`Projection ${name} failed; retrying from its checkpoint`, error as Error),
            ),
        },
        {
          provide: ReadYourWrites,
          inject: [ProjectionRunner, EventStore],
          useFactory: (runner: ProjectionRunner, store: EventStore) => new ReadYourWrites(runner, store),
        },
        // Worker threads for reading documents and other CPU-heavy work of a request.
        { provide: OffThread, useFactory: () => new OffThread() },
        {
          provide: RuntimeLifecycle,
          inject: [ProjectionRunner, EventStore, DATABASE, OffThread],
          useFactory: (
            runner: ProjectionRunner,
            store: EventStore,
            database: Database,
            offThread: OffThread,
          ) => new RuntimeLifecycle(options, runner, store, database, offThread),
        },
        PlanQueries,
        PlanImports,
        DirectoryImports,
        MeetingQueries,
        MeetingProtocols,
        AmendmentListImports,
        AccessCommandRunner,
        AccessService,
      ],
      exports: [
        CONFIG,
        OffThread,
        DATABASE,
        EventStore,
        StreamSnapshots,
        ProjectionRunner,
        ReadYourWrites,
        PlanQueries,
        PlanImports,
        DirectoryImports,
        MeetingQueries,
        MeetingProtocols,
        AmendmentListImports,
        AccessCommandRunner,
        AccessService,
        CqrsModule,
        // PlanCommandRunner: a command's precondition read from the streams (an organisation exists).
        PlansModule,
      ],
    };
  }
}
