import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { ApiClient } from '../remote/api-client.js';
import { currentTarget } from '../target.js';

interface LoginOptions {
  username?: string;
  label: string;
  expiresInDays?: string;
}

/**
 * `planverk --server URL login`: username and password (asked for, or the password on standard
 * input) for a bearer token from POST /auth/tokens. The token is printed once on standard output
 * and stored nowhere: keep it where you keep secrets, and hand it over as PLANVERK_TOKEN.
 */
export function registerLoginCommand(program: Command): void {
  program
    .command('login')
    .description(
      'Get a bearer token from the server (planverk --server URL login): prints it once, stores it nowhere.\n' +
        'The password is asked for without echo, or read from the first line of standard input.',
    )
    .option('--username <name>', 'your username (default: asked for)')
    .option('--label <label>', 'what the token is for, shown in its events', 'planverk cli')
    .option('--expires-in-days <n>', 'days until the token expires (default: never)')
    .action(async (options: LoginOptions) => {
      const target = currentTarget();
      if (target.kind !== 'remote') {
        throw new Error('login asks a server for a token: planverk --server <url> login');
      }
      const expiresInDays = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
      if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays > 0)) {
        throw new Error(`--expires-in-days must be a whole number of days, got "${options.expiresInDays}"`);
      }
      const interactive = process.stdin.isTTY === true;
      const username = options.username ?? (interactive ? await ask('Username: ') : undefined);
      if (!username) throw new Error('Give --username when the password comes from standard input');
      const password = interactive ? await askHidden('Password: ') : await firstLine();
      if (!password) throw new Error('No password given');
      // Credentials in the body, never a token: whatever PLANVERK_TOKEN holds is not sent.
      const issued = await new ApiClient(target.server, undefined).json<{
        token: string;
        tokenId: string;
        expiresAt: string | null;
      }>({
        method: 'POST',
        path: ['auth', 'tokens'],
        json: { username, password, label: options.label, ...(expiresInDays ? { expiresInDays } : {}) },
      });
      const until = issued.expiresAt ? `, valid until ${issued.expiresAt}` : '';
      console.error(`Token ${issued.tokenId} for ${username}${until}; shown only now, stored nowhere.`);
      console.error('Use it as PLANVERK_TOKEN (or --token); revoke it with DELETE /auth/tokens/<tokenId>.');
      console.log(issued.token);
    });
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** A line typed on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('Cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first line of standard input (a password piped in or read from a file). */
async function firstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
