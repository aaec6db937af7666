import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { HealthIndicators } from './health-indicators.js';
import { ReadinessController } from './readiness.controller.js';

/**
 * GET /health, /health/ready and /health/live on @nestjs/terminus. Its HealthCheckService also
 * answers 503 `shutting_down` from the moment the process is told to stop (SIGTERM), so a load
 * balancer stops sending requests while the ones in flight finish.
 */
@Module({
  imports: [TerminusModule.forRoot()],
  controllers: [HealthController, ReadinessController],
  providers: [HealthIndicators],
})
export class HealthModule {}
