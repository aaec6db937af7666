import { describe, expect, it } from '@jest/globals';
import { resolveTarget } from './target.js';

describe('resolveTarget', () => {
  it('is the local database without a server', () => {
    expect(resolveTarget(undefined, undefined, {})).toEqual({ kind: 'local' });
    expect(resolveTarget(undefined, undefined, { PLANVERK_SERVER: '', PLANVERK_TOKEN: 'pvk_x' })).toEqual({
      kind: 'local',
    });
  });

  it('takes the server and token from the options before the environment', () => {
    const env = { PLANVERK_SERVER: 'https://env.example.org', PLANVERK_TOKEN: 'pvk_env' };
    const fromEnv = resolveTarget(undefined, undefined, env);
    expect(fromEnv).toMatchObject({ kind: 'remote', token: 'pvk_env' });
    expect(fromEnv.kind === 'remote' && fromEnv.server.href).toBe('https://env.example.org/');
    const fromOptions = resolveTarget('http://127.0.0.1:3000/planverk?x=1', 'pvk_option', env);
    expect(fromOptions).toMatchObject({ kind: 'remote', token: 'pvk_option' });
    expect(fromOptions.kind === 'remote' && fromOptions.server.href).toBe('http://127.0.0.1:3000/planverk/');
  });

  it('refuses what cannot be meant', () => {
    expect(() => resolveTarget(undefined, 'pvk_x', {})).toThrow('--token goes with --server <url>');
    expect(() => resolveTarget('planverk.example.org', undefined, {})).toThrow(
      /--server must be the api's address/,
    );
    expect(() => resolveTarget('ftp://example.org', undefined, {})).toThrow(/http:\/\/ or https:\/\//);
    expect(() => resolveTarget('https://kari:secret@example.org', undefined, {})).toThrow(/use --token/);
  });
});
