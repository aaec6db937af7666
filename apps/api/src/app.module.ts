import { Module, type DynamicModule } from '@nestjs/common';
import { PlanverkModule, type RuntimeOptions } from '@app/runtime';
import { SecurityModule } from './auth/security.module.js';
import { AuditExportController } from './audit/audit-export.controller.js';
import { FollowUpController } from './audit/follow-up.controller.js';
import { PlanDiffController } from './audit/plan-diff.controller.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { HttpDrain } from './http/http-drain.js';
import { RequestDocumentsModule } from './http/request-documents.js';
import { CommandResponder } from './plans/command-responder.js';
import { ImportsController } from './imports/imports.controller.js';
import { LineageController } from './lineage/lineage.controller.js';
import { MeasuresController } from './measures/measures.controller.js';
import { RedlineController } from './redline/redline.controller.js';

import { OrganisationsController } from './organisations/organisations.controller.js';
import { PlanChangesController } from './plans/plan-changes.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { AssetsController } from './pages/assets.controller.js';
import { LineageActionsController } from './pages/lineage-actions.controller.js';
import { LineagePage } from './pages/lineage-page.js';
import { PageActionsController } from './pages/page-actions.controller.js';
import { PageData } from './pages/page-data.js';
import { PagesController } from './pages/pages.controller.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { MeetingActionsController } from './pages/meetings/meeting-actions.controller.js';
import { MeetingCommands } from './pages/meetings/meeting-commands.js';
import { MeetingPageData } from './pages/meetings/meeting-page-data.js';
import { MeetingPagesController } from './pages/meetings/meeting-pages.controller.js';
import { ImportPagesController } from './pages/import/import-pages.controller.js';

@Module({})
export class ApiModule {
  static forRoot(
    options: RuntimeOptions & {
      readonly security: { readonly sessionSecret: string; readonly logs: boolean };
    },
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlanverkModule.forRoot(options),
        SecurityModule.forRoot({ config: options.config, ...options.security }),
        HealthModule,
        MetricsModule,
        RequestDocumentsModule,
      ],
      controllers: [
        PlansController,
        PlanChangesController,
        MeasuresController,
        OrganisationsController,
        ImportsController,
        AuditExportController,
        PlanDiffController,
        FollowUpController,
        LineageController,
        RedlineController,

        PagesController,
        PageActionsController,
        LineageActionsController,
        MeetingPagesController,
        MeetingActionsController,
        ImportPagesController,
        AssetsController,
        MeetingsController,
      ],

      providers: [CommandResponder, PageData, LineagePage, MeetingPageData, MeetingCommands, HttpDrain],
    };
  }
}
