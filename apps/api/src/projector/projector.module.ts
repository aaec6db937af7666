import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { PlanverkModule, type RuntimeOptions } from '@app/runtime';
import { pinoHttpOptions } from '../auth/logging.js';
import { HealthModule } from '../health/health.module.js';
import { HttpDrain } from '../http/http-drain.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/**
 * A process of the role `projector` (PLANVERK_ROLE): runs the projections whose leases it
 * gets and serves only /health (with /health/live and /health/ready) and /metrics.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: RuntimeOptions & { readonly logs: boolean }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        PlanverkModule.forRoot({ ...options, runProjections: true }),
        LoggerModule.forRoot({
          pinoHttp: pinoHttpOptions(options.logs ? options.config.security.logLevel : 'silent'),
        }),
        HealthModule,
        MetricsModule,
      ],
      providers: [HttpDrain],
    };
  }
}
