import type { Server } from 'node:http';
import request from 'supertest';

/** The CSRF token a page's forms carry. */
export function formCsrf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}

/**
 * A browser's cookie jar signed in through the sign-in form as `username`, and the CSRF token
 * the page at `path` gives its forms.
 */
export async function signedInAgent(
  server: Server,
  username: string,
  password: string,
  path: string,
): Promise<{ agent: ReturnType<typeof request.agent>; page: string; csrf: string }> {
  const agent = request.agent(server);
  const form = await agent.get('/logg-inn').expect(200);
  await agent
    .post('/logg-inn')
    .type('form')
    .send({ brukernavn: username, passord: password, _csrf: formCsrf(form.text) })
    .expect(303);
  const page = (await agent.get(path).expect(200)).text;
  return { agent, page, csrf: formCsrf(page) };
}
