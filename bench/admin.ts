import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { SYSTEM_SCOPE } from '@app/domain';
import { AccessService, PlanverkModule } from '@app/runtime';

/**
 * A system administrator with a bearer token in the benchmark database, made through the
 * same commands as any user (as test/support/test-api.ts does), so the api benchmark can
 * send authenticated commands. Run on the empty database, before the workload is written.
 */
export async function createBenchAdmin(databaseUrl: string): Promise<string> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, PLANVERK_DEMO: '0' });
  const context = await NestFactory.createApplicationContext(
    PlanverkModule.forRoot({ config, runProjections: true }),
    { logger: ['error'] },
  );
  try {
    const access = context.get(AccessService);
    const envelope = () => ({
      commandId: randomUUID(),
      actor: 'system:bench',
      now: new Date().toISOString(),
    });
    const { userId } = await access.registerUser(envelope(), {
      userId: 'bench-admin',
      username: 'bench-admin',
    });
    await access.grantRole(envelope(), userId, SYSTEM_SCOPE, 'admin');
    return (await access.issueToken(envelope(), userId, 'benchmarks')).token;
  } finally {
    await context.close();
  }
}
