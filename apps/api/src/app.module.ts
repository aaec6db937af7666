import { Module, type DynamicModule } from '@nestjs/common';
import { PlanverkModule, type RuntimeOptions } from '@app/runtime';
import { AuditExportController } from './audit/audit-export.controller.js';
import { FollowUpController } from './audit/follow-up.controller.js';
import { PlanDiffController } from './audit/plan-diff.controller.js';
import { HealthController } from './health/health.controller.js';
import { CommandResponder } from './plans/command-responder.js';
import { ImportsController } from './imports/imports.controller.js';
import { LineageController } from './lineage/lineage.controller.js';
import { MeasuresController } from './measures/measures.controller.js';

import { OrganisationsController } from './organisations/organisations.controller.js';
import { PlanChangesController } from './plans/plan-changes.controller.js';
import { PlansController } from './plans/plans.controller.js';

@Module({})
export class ApiModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlanverkModule.forRoot(options)],
      controllers: [
        PlansController,
        PlanChangesController,
        MeasuresController,
        OrganisationsController,
        ImportsController,
        HealthController,
        AuditExportController,
        PlanDiffController,
        FollowUpController,
        LineageController,
      ],

      providers: [CommandResponder],
    };
  }
}
