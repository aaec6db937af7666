/**
 * Who the pages say is signed in, which forms they offer, and what a refused form says: every
 * page has a sign-in link or the user's name, roles and a sign-out button; the follow-up forms
 * are shown only to those the access policy lets post them; and a refusal (not signed in, no
 * role, an expired form) answers in Norwegian, as a fragment for htmx and as a page otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'tilgang-2026-2027';
const PASSWORD = 'Et-langt-passord-2026';

describe('sign-in state and refusals on the pages', () => {
  let api: TestApi;
  let measureId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = request(api.http);
    await admin.post('/organisations').send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' }).expect(201);
    await admin
      .post('/organisations')
      .send({ id: 'bergen-sv', name: 'Bergen SV', level: 'county' })
      .expect(201);
    await admin
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan 2026',
        period: { from: 2026, to: 2027 },
        bodies: [{ code: 'FS', name: 'Fylkesstyret' }],
      })
      .expect(201);
    const section = await admin
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    measureId = (
      await admin
        .post(`/plans/${PLAN}/measures`)
        .send({ sectionId: section.body.sectionId, text: 'Banke på dører', responsible: ['FS'] })
        .expect(201)
    ).body.measureId;

    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const kari = await access.registerUser(envelope(), { username: 'kari', password: PASSWORD });
    await access.grantRole(envelope(), kari.userId, 'oslo-sv', 'secretary');
    const per = await access.registerUser(envelope(), { username: 'per', password: PASSWORD });
    await access.grantRole(envelope(), per.userId, 'bergen-sv', 'secretary');
    await access.registerUser(envelope(), { username: 'nina', password: PASSWORD });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** A browser's cookie jar, signed in as `username`, with the CSRF token its pages carry. */
  async function signedIn(username: string) {
    const agent = request.agent(api.anonymous);
    const form = await agent.get('/logg-inn').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    await agent
      .post('/logg-inn')
      .type('form')
      .send({ brukernavn: username, passord: PASSWORD, _csrf: csrf })
      .expect(303);
    const page = await agent.get(`/plan/${PLAN}`).expect(200);
    return { agent, page: page.text, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]! };
  }

  const pages = () => [
    '/org/oslo-sv',
    '/org/oslo-sv/ansvar',
    `/plan/${PLAN}`,
    `/plan/${PLAN}/tiltak/${measureId}`,
    `/plan/${PLAN}/endringer`,
    `/plan/${PLAN}/revisjon`,
    `/plan/${PLAN}/mal`,
    '/logg-inn',
    '/plan/finnes-ikke',
  ];

  it('offers a sign-in link on every page, back to the page it was on', async () => {
    for (const path of pages()) {
      const res = await request(api.anonymous).get(path);
      expect(res.text).toContain('<link rel="stylesheet" href="/assets/pages.css" />');
      const link = /<a class="sign-in" href="([^"]+)">Logg inn<\/a>/.exec(res.text);
      expect(link).not.toBeNull();
      if (path !== '/logg-inn')
        expect(link![1]!.replace(/&amp;/g, '&')).toBe(`/logg-inn?neste=${encodeURIComponent(path)}`);
      expect(res.text).not.toContain('Logg ut');
    }
  });

  it('shows the signed-in user by name with their roles, and a sign-out button, on every page', async () => {
    const { agent } = await signedIn('kari');
    for (const path of pages()) {
      const res = await agent.get(path);
      expect(res.text).toMatch(/<span class="account-name">kari<\/span>/);
      expect(res.text).toContain('Sekretær i Oslo SV');
      expect(res.text).toMatch(
        /<form method="post" action="\/logg-ut" class="sign-out">\s*<input type="hidden" name="_csrf" value="[^"]+" \/>\s*<button type="submit">Logg ut<\/button>/,
      );
      expect(res.text).not.toContain('class="sign-in"');
    }
    const none = await signedIn('nina');
    expect(none.page).toContain('Ingen roller ennå');
  });

  it('signs out from the header, and the page then offers sign-in again', async () => {
    const { agent, csrf } = await signedIn('kari');
    await agent.post('/logg-ut').type('form').send({ _csrf: csrf }).expect(303);
    const after = await agent.get(`/plan/${PLAN}`).expect(200);
    expect(after.text).toContain('class="sign-in"');
    expect(after.text).not.toContain('account-name');
  });

  it('shows the sign-in page in the layout, with a way back to where the visitor came from', async () => {
    const res = await request(api.anonymous)
      .get(`/logg-inn?neste=${encodeURIComponent(`/plan/${PLAN}`)}`)
      .expect(200);
    expect(res.text).toContain('<header class="site-header">');
    expect(res.text).toContain('<a href="/org/oslo-sv"');
    expect(res.text).toMatch(new RegExp(`<a href="/plan/${PLAN}">Tilbake til siden du kom fra</a>`));
    const front = await request(api.anonymous).get('/logg-inn').expect(200);
    expect(front.text).toContain('<a href="/">Tilbake til forsiden</a>');
  });

  it('shows the follow-up forms only to those the access policy lets post them', async () => {
    const anonymous = await request(api.anonymous).get(`/plan/${PLAN}`).expect(200);
    expect(anonymous.text).not.toContain('class="follow-up');
    expect(anonymous.text).toMatch(/<a href="\/logg-inn\?neste=[^"]+">Logg inn<\/a> for å registrere status/);
    const measurePage = await request(api.anonymous).get(`/plan/${PLAN}/tiltak/${measureId}`).expect(200);
    expect(measurePage.text).not.toContain('action-form');
    const lazy = await request(api.anonymous).get(`/plan/${PLAN}/tiltak/${measureId}/oppfolging`).expect(200);
    expect(lazy.text).not.toContain('<form');

    // A secretary of another organisation, and a user without roles: no forms, and why.
    for (const username of ['per', 'nina']) {
      const { page, agent } = await signedIn(username);
      expect(page).not.toContain('class="follow-up');
      expect(page).toContain('krever rollen sekretær');
      const own = await agent.get(`/plan/${PLAN}/tiltak/${measureId}`).expect(200);
      expect(own.text).not.toContain('action-form');
    }

    const kari = await signedIn('kari');
    expect(kari.page).toContain(`<summary>Følg opp tiltak 4.1.A</summary>`);
    const forms = await kari.agent.get(`/plan/${PLAN}/tiltak/${measureId}/oppfolging`).expect(200);
    expect(forms.text).toContain('Lagre status');
    expect(forms.text).toContain('Lagre ansvar');
  });

  describe('a refused follow-up form says why, in Norwegian', () => {
    const post = (agent: ReturnType<typeof request.agent> | ReturnType<typeof request>, path: string) =>
      agent.post(`/plan/${PLAN}/tiltak/${measureId}/${path}`).type('form');

    it('not signed in (htmx): a message with a sign-in link back to the page, nothing appended', async () => {
      const before = await countEvents(api.database);
      const signInLink = `<a href="/logg-inn?neste=${encodeURIComponent(`/plan/${PLAN}`)}">Logg inn</a>`;
      // A form of an anonymous visitor's own page (the sign-in page's token): the policy says 401.
      const agent = request.agent(api.anonymous);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/logg-inn')).text)![1]!;
      const unsigned = await post(agent, 'status')
        .set('HX-Request', 'true')
        .set('X-CSRF-Token', csrf)
        .set('Referer', `http://localhost/plan/${PLAN}`)
        .send({ status: 'done' })
        .expect(401);
      expect(unsigned.text).toContain('Du er ikke logget inn (eller innloggingen er utløpt).');
      expect(unsigned.text).toContain(signInLink);
      // A form whose session has ended (its token no longer matches): the same message.
      const ended = await post(request(api.anonymous), 'status')
        .set('HX-Request', 'true')
        .set('Referer', `http://localhost/plan/${PLAN}`)
        .send({ status: 'done' })
        .expect(403);
      expect(ended.text).toContain('Du er ikke logget inn (eller innloggingen er utløpt).');
      expect(ended.text).toContain(signInLink);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('without the role (htmx): 403 naming the role it takes', async () => {
      const { agent, csrf } = await signedIn('per');
      const before = await countEvents(api.database);
      const res = await post(agent, 'status')
        .set('HX-Request', 'true')
        .set('X-CSRF-Token', csrf)
        .send({ status: 'done' })
        .expect(403);
      expect(res.text).toContain(
        'Du har ikke tilgang til dette: det krever rollen sekretær i planens organisasjon.',
      );
      expect(await countEvents(api.database)).toBe(before);
    });

    it('an expired or foreign form (no CSRF token): 403 asking to reload the page', async () => {
      const { agent } = await signedIn('kari');
      const res = await post(agent, 'ansvar')
        .set('HX-Request', 'true')
        .send({ responsible: 'FS' })
        .expect(403);
      expect(res.text).toContain('Skjemaet er utløpt eller kom ikke fra denne siden.');
    });

    it('without htmx: a page of its own, with the header and a way on', async () => {
      const res = await post(request(api.anonymous), 'status')
        .set('Referer', `http://127.0.0.1/plan/${PLAN}`)
        .send({ status: 'done' })
        .expect(403);
      expect(res.text).toContain('<h1>Du må logge inn</h1>');
      expect(res.text).toContain('Du er ikke logget inn (eller innloggingen er utløpt).');
      expect(res.text).toContain(
        `<a href="/logg-inn?neste=${encodeURIComponent(`/plan/${PLAN}`)}">Logg inn</a>`,
      );
      expect(res.text).toContain('<header class="site-header">');
    });
  });
});
