import type { Command } from 'commander';
import { isRole, ROLES, SYSTEM_SCOPE, type Role } from '@app/domain';
import { randomPassword, userIdFor } from '@app/plans';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { withRuntime } from '../cli-context.js';

const envelope = () => ({
  commandId: randomUUID(),
  actor: `cli:${userInfo().username}`,
  now: new Date().toISOString(),
});

function checkRole(role: string | undefined): Role | undefined {
  if (role === undefined) return undefined;
  if (!isRole(role)) throw new Error(`Unknown role "${role}" (roles: ${ROLES.join(', ')})`);
  return role;
}

/**
 * Users from the command line, on the server's own database: how the first administrator of a
 * deployment without the demo is made, and how scripts get an API token.
 */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Users, their roles and API tokens');

  users
    .command('add <username>')
    .description(
      'Add a user with a random password, printed once (or PLANVERK_NEW_PASSWORD); optionally a role and an API token',
    )
    .option('--org <organisation>', 'the organisation the role is for')
    .option('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--system-admin', 'administrator of every organisation (the first user of a deployment)')
    .option('--token <label>', 'also issue an API token for scripts, printed once')
    .action(
      async (
        username: string,
        options: { org?: string; role?: string; systemAdmin?: boolean; token?: string },
      ) => {
        const role = checkRole(options.role);
        if (role && !options.org) throw new Error('--role needs --org (or use --system-admin)');
        if (options.org && !role) throw new Error('--org needs --role');
        await withRuntime(async (context) => {
          const access = context.get(AccessService);
          const password = process.env.PLANVERK_NEW_PASSWORD || randomPassword();
          const { userId } = await access.registerUser(envelope(), { username, password });
          if (options.systemAdmin) await access.grantRole(envelope(), userId, SYSTEM_SCOPE, 'admin');
          if (role && options.org) await access.grantRole(envelope(), userId, options.org, role);
          console.log(`User ${username} (${userId})`);
          if (!process.env.PLANVERK_NEW_PASSWORD) console.log(`Password (shown only now): ${password}`);
          if (options.token) {
            const issued = await access.issueToken(envelope(), userId, options.token);
            console.log(`API token (shown only now): ${issued.token}`);
          }
        });
      },
    );

  users
    .command('grant <username> <organisation> <role>')
    .description(`Grant a role in an organisation (roles: ${ROLES.join(', ')})`)
    .action(async (username: string, organisation: string, role: string) => {
      const checked = checkRole(role)!;
      await withRuntime(async (context) => {
        await context.get(AccessService).grantRole(envelope(), userIdFor(username), organisation, checked);
        console.log(`Granted ${checked} in ${organisation} to ${username}`);
      });
    });
}
