import { Module, type DynamicModule } from '@nestjs/common';
import { PlanverkModule, type RuntimeOptions } from '@app/runtime';
import { HealthController } from './health/health.controller.js';
import { CommandResponder } from './plans/command-responder.js';
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
      controllers: [PlansController, PlanChangesController, MeasuresController, OrganisationsController, HealthController],
      providers: [CommandResponder],
    };
  }
}
