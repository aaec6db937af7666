import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CommandTiming } from './command-timing.js';
import { MetricsController } from './metrics.controller.js';
import { PlanverkMetrics } from './planverk-metrics.js';

/** GET /metrics (Prometheus), in every role, and the timing of each command this process answers. */
@Module({
  controllers: [MetricsController],
  providers: [PlanverkMetrics, CommandTiming],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CommandTiming).forRoutes('*');
  }
}
