/**
 * The meeting pages for a member and for the officer's controls, over HTTP with real sessions:
 * a member files and withdraws their own amendments from the form before the deadline and is
 * refused after it (the reason in the form); the officer moves the deadline, sets the majority
 * rule and the voting order, puts an amendment on the floor (the delegates' view and the hall's
 * screen show it), contests a recommendation and accepts the others en bloc.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'medlem-sider-2026-2027';
const MEETING = 'medlem-sider-am-2026';
const PASSWORD = 'Et-langt-passord-2026!';

describe('meeting pages for members and the officer’s controls', () => {
  let api: TestApi;
  let member: Awaited<ReturnType<typeof signedIn>>;
  let other: Awaited<ReturnType<typeof signedIn>>;
  let officer: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = request(api.http);
    await admin.post('/organisations').send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' }).expect(201);
    await admin
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan 2026',
        period: { from: 2026, to: 2027 },
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'LL', name: 'Lokallag' },
        ],
      })
      .expect(201);
    const section = await admin
      .post(`/plans/${PLAN}/sections`)
      .send({ number: '4.1', title: 'Direkte velgerkontakt' })
      .expect(201);
    for (const text of [
      'Vi skal banke på dører i alle bydeler to ganger i året.',
      'Vi skal stå på stand hver lørdag i valgkampen.',
    ])
      await admin
        .post(`/plans/${PLAN}/measures`)
        .send({ sectionId: section.body.sectionId, text, timing: 'Vår 2026', responsible: ['LL'] })
        .expect(201);
    await admin
      .post('/meetings')
      .send({
        id: MEETING,
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2099-03-14',
        planId: PLAN,
        deadline: '2099-03-01T12:00',
      })
      .expect(201);

    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    for (const [username, role] of [
      ['medlem', 'member'],
      ['annet-medlem', 'member'],
      ['moteleder', 'meeting_officer'],
    ] as const) {
      const { userId } = await access.registerUser(envelope(), { username, password: PASSWORD });
      await access.grantRole(envelope(), userId, 'oslo-sv', role);
    }
    member = await signedIn('medlem');
    other = await signedIn('annet-medlem');
    officer = await signedIn('moteleder');
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** A browser's cookie jar, signed in as `username`, with the CSRF token its pages carry. */
  async function signedIn(username: string) {
    const agent = request.agent(api.anonymous);
    const login = await agent.get('/logg-inn').expect(200);
    await agent
      .post('/logg-inn')
      .type('form')
      .send({
        brukernavn: username,
        passord: PASSWORD,
        _csrf: /name="_csrf" value="([^"]+)"/.exec(login.text)![1]!,
      })
      .expect(303);
    const page = await agent.get(`/mote/${MEETING}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const post = (path: string, fields: Record<string, string>, htmx = true) => {
      const req = agent.post(`/mote/${MEETING}${path}`);
      if (htmx) req.set('HX-Request', 'true');
      return req
        .type('form')
        .send(new URLSearchParams({ commandId: randomUUID(), _csrf: csrf, ...fields }).toString());
    };
    return { agent, post };
  }

  const squash = (text: string) => text.replace(/\s+/g, ' ');
  const amendments = async () => {
    const meeting = (await request(api.http).get(`/meetings/${MEETING}`).expect(200)).body as {
      targets: Array<{
        amendments: Array<{ no: number; status: string; inMeeting: boolean; proposer: string }>;
      }>;
    };
    return meeting.targets.flatMap((t) => t.amendments).sort((a, b) => a.no - b.no);
  };

  it('shows a member the filing form and the deadline, and files their amendments before it', async () => {
    const page = squash((await member.agent.get(`/mote/${MEETING}`).expect(200)).text);
    expect(page).toContain('Fremme et endringsforslag');
    expect(page).toContain('Frist for endringsforslag');
    expect(page).toContain('1. mars 2099 kl. 12.00');
    expect(page).not.toContain('href="/mote/' + MEETING + '/ledelse"');

    const first = await member
      .post('/forslag', {
        del: 'measure:4.1.A',
        type: 'endring',
        fra: 'to ganger i året',
        til: 'fire ganger i året',
        forslagsstiller: 'Sagene SV',
      })
      .expect(200);
    expect(squash(first.text)).toContain('Forslaget er fremmet som forslag 1.');
    const second = await member
      .post('/forslag', {
        del: 'section:4.1',
        type: 'nytt-tiltak',
        tekst: 'Vi skal dele ut løpesedler på t-banen.',
        gjennomforing: 'Høst 2026',
        ansvar: 'LL',
        forslagsstiller: 'Sagene SV',
      })
      .expect(200);
    expect(squash(second.text)).toContain('Forslaget er fremmet som forslag 2.');
    expect((await amendments()).map((a) => [a.no, a.status, a.inMeeting])).toEqual([
      [1, 'filed', false],
      [2, 'filed', false],
    ]);
  });

  it('lets a member withdraw their own amendment from the page, and no one else’s', async () => {
    const page = squash((await member.agent.get(`/mote/${MEETING}`).expect(200)).text);
    expect(page).toContain('Dine forslag');
    expect(page).toContain('Trekk forslag 2');
    const others = squash((await other.agent.get(`/mote/${MEETING}`).expect(200)).text);
    expect(others).not.toContain('Trekk forslag 2');

    const before = await countEvents(api.database);
    const refused = await other.post('/forslag/2/trekk', {}, false).expect(422);
    expect(squash(refused.text)).toContain('Du kan bare trekke forslag du selv har sendt inn');
    expect(await countEvents(api.database)).toBe(before);

    const done = await member.post('/forslag/2/trekk', {}, false).expect(303);
    expect(done.headers.location).toBe(`/mote/${MEETING}#forslag-2`);
    expect((await amendments()).find((a) => a.no === 2)?.status).toBe('withdrawn');
  });

  it('refuses a member after the deadline the officer moved, with the reason in the form; the officer still files', async () => {
    const moved = await officer.post('/frist', { deadline: '2020-03-01T12:00' }).expect(200);
    expect(squash(moved.text)).toContain('Frist for endringsforslag: 1. mars 2020 kl. 12.00.');
    expect(squash((await member.agent.get(`/mote/${MEETING}`).expect(200)).text)).toContain(
      'Fristen for endringsforslag gikk ut 1. mars 2020 kl. 12.00. Nå fremmer bare møteledelsen forslag.',
    );
    const before = await countEvents(api.database);
    const late = await member
      .post('/forslag', {
        del: 'measure:4.1.B',
        type: 'stryking',
        fra: 'i valgkampen',
        forslagsstiller: 'Sagene SV',
      })
      .expect(422);
    expect(squash(late.text)).toContain(
      'Fristen for å sende inn endringsforslag gikk ut 1. mars 2020 kl. 12.00; nå kan bare møteledelsen fremme forslag i møtet',
    );
    expect(late.text).toContain('i valgkampen');
    expect(await countEvents(api.database)).toBe(before);

    const badDeadline = await officer.post('/frist', { deadline: 'første mars' }).expect(422);
    expect(badDeadline.text).toContain('role="alert"');

    for (const fields of <Array<Record<string, string>>>[
      { del: 'measure:4.1.B', type: 'stryking', fra: 'i valgkampen', forslagsstiller: 'Frogner SV' },
      {
        del: 'measure:4.1.A',
        type: 'endring',
        fra: 'to ganger',
        til: 'tre ganger',
        forslagsstiller: 'Bjerke SV',
      },
      { del: 'measure:4.1.A', type: 'gjennomforing', gjennomforing: 'Høst 2026', forslagsstiller: 'Alna SV' },
    ])
      await officer.post('/forslag', fields).expect(200);
    expect((await amendments()).filter((a) => a.inMeeting).map((a) => a.no)).toEqual([3, 4, 5]);
    expect(squash((await request(api.anonymous).get(`/mote/${MEETING}`).expect(200)).text)).toContain(
      'Forslagsstiller: Frogner SV (fremmet i møtet)',
    );
  });

  it('lets the officer set the majority rule and the voting order, and refuses what they cannot be', async () => {
    const page = squash((await officer.agent.get(`/mote/${MEETING}/ledelse`).expect(200)).text);
    expect(page).toContain('Møteregler');
    expect(page).toContain('Endre voteringsrekkefølgen');

    const rule = await officer.post('/flertall', { rule: 'two_thirds' }).expect(200);
    expect(squash(rule.text)).toContain('Flertallskravet er nå: to tredjedels flertall av avgitte stemmer.');
    const order = await officer.post('/rekkefolge', { order: '5, 3' }).expect(200);
    expect(squash(order.text)).toMatch(/Voteringsrekkefølgen er endret: forslag 5, 3, [14], [14]\./);
    const garbage = await officer.post('/rekkefolge', { order: 'først den lange' }).expect(422);
    expect(squash(garbage.text)).toContain('Skriv forslagsnumrene i rekkefølge');
    const unknown = await officer.post('/rekkefolge', { order: '99' }).expect(422);
    expect(unknown.text).toContain('role="alert"');
  });

  it('puts an amendment on the floor: the delegates’ view and the hall’s screen show it as now being treated', async () => {
    const res = await officer.post('/til-behandling', { kind: 'amendment', no: '3' }).expect(200);
    expect(squash(res.text)).toContain('Til behandling nå: Forslag 3.');
    const live = squash(
      (await request(api.anonymous).get(`/mote/${MEETING}/live?visning=motet`).expect(200)).text,
    );
    expect(live).toContain('Til behandling nå: <strong>Forslag 3: stryking, Tiltak 4.1.B</strong>');
    const screen = squash(
      (await request(api.anonymous).get(`/mote/${MEETING}/live?visning=skjerm`).expect(200)).text,
    );
    expect(screen).toContain('Forslag 3: stryking, Tiltak 4.1.B');
    expect(screen).not.toContain('Forslag 5: ny gjennomføring');
  });

  it('contests one recommendation and accepts the others en bloc; counts short of two thirds are refused', async () => {
    for (const [no, recommendation] of [
      ['1', 'adopt'],
      ['3', 'reject'],
      ['5', 'adopt'],
    ] as const)
      await officer.post(`/forslag/${no}/innstilling`, { recommendation }).expect(200);
    const contested = await officer.post('/forslag/1/bestrid', { contested: 'true' }).expect(200);
    expect(squash(contested.text)).toContain(
      'Innstillingen til forslag 1 er bestridt: forslaget voteres over for seg.',
    );
    const page = squash((await officer.agent.get(`/mote/${MEETING}/ledelse`).expect(200)).text);
    expect(page).toContain('Komiteens innstillinger samlet');
    expect(page).toMatch(/<li>\s*Forslag 5: vedta\s*<\/li>\s*<li>\s*Forslag 3: avvise\s*<\/li>/);

    await officer.post('/til-behandling', { kind: 'recommendations' }).expect(200);
    const screen = squash(
      (await request(api.anonymous).get(`/mote/${MEETING}/live?visning=skjerm`).expect(200)).text,
    );
    expect(screen).toContain('Komiteens innstillinger samlet');

    const before = await countEvents(api.database);
    const short = await officer
      .post('/innstillinger', { nos: '5,3', for: '60', against: '40', abstain: '0' })
      .expect(422);
    expect(short.text).toContain('role="alert"');
    expect(await countEvents(api.database)).toBe(before);

    const accepted = await officer
      .post('/innstillinger', { nos: '5,3', for: '80', against: '10', abstain: '2' })
      .expect(200);
    expect(squash(accepted.text)).toContain(
      'Innstillingene er vedtatt samlet (80 for, 10 mot, 2 avholdende): forslag 5 vedtatt; forslag 3 falt.',
    );
    const statuses = Object.fromEntries((await amendments()).map((a) => [a.no, a.status]));
    expect(statuses).toMatchObject({ 1: 'filed', 3: 'rejected', 5: 'adopted' });
  });

  it('refuses the officer’s controls to a member', async () => {
    await member.post('/frist', { deadline: '2099-01-01' }).expect(403);
    await member.post('/til-behandling', { kind: 'plan' }).expect(403);
    await member.post('/innstillinger', { nos: '1' }).expect(403);
  });
});
