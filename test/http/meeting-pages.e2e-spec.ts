/**
 * The annual meeting's pages over HTTP: what they are made of (no inline script or style, every
 * value escaped), scheduling from the plan's meetings page, the refusals in Norwegian, and the
 * live regions that answer 204 until the meeting changes. The browser test runs a whole meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readDocx, readPdf } from '@app/document-readers';
import request, { type Response } from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'mote-sider-2026-2027';
const MEETING = 'mote-sider-am-2026';
const HOSTILE = 'Stands <script>alert("x")</script> & «dørbank» i <b>alle</b> bydeler';

describe('meeting pages over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = request(api.http);
    await admin.post('/organisations').send({ id: 'oslo-sv', name: 'Oslo SV', level: 'county' }).expect(201);
    await admin
      .post('/plans')
      .send({
        id: PLAN,
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan <i>2026</i>',
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
    await admin
      .post(`/plans/${PLAN}/measures`)
      .send({
        sectionId: section.body.sectionId,
        text: HOSTILE,
        timing: 'Vår 2026',
        responsible: ['FS', 'LL'],
      })
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** A binary answer as a Buffer (supertest reads only text and JSON by itself). */
  const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };
  /** The page's text with runs of white space as one space, as a reader sees it. */
  const squash = (text: string) => text.replace(/\s+/g, ' ');
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('schedules a meeting from the plan’s meetings page, and lists it there', async () => {
    const page = await request(api.http).get(`/plan/${PLAN}/moter`).expect(200);
    expect(page.text).toContain('Ingen møter har behandlet planen ennå.');
    expect(page.text).toContain('Sett opp møtet');

    const res = await request(api.http)
      .post(`/plan/${PLAN}/moter`)
      .type('form')
      .send(
        form({
          id: MEETING,
          body: 'ÅM',
          date: '2026-03-14',
          title: 'Årsmøtet <2026>',
          commandId: randomUUID(),
        }),
      )
      .expect(303);
    expect(res.headers.location).toBe(`/mote/${MEETING}`);
    const meeting = await request(api.http).get(`/meetings/${MEETING}`).expect(200);
    expect(meeting.body).toMatchObject({
      planId: PLAN,
      body: 'ÅM',
      date: '2026-03-14',
      title: 'Årsmøtet <2026>',
    });

    const list = await request(api.http).get(`/plan/${PLAN}/moter`).expect(200);
    expect(list.text).toContain(`href="/mote/${MEETING}"`);
    expect(list.text).toContain('Årsmøtet &lt;2026&gt;');
  });

  it('refuses a taken short name or a bad one with the reason in the form, appending nothing', async () => {
    const before = await countEvents(api.database);
    const taken = await request(api.http)
      .post(`/plan/${PLAN}/moter`)
      .type('form')
      .send(form({ id: MEETING, body: 'ÅM', date: '2026-04-01', commandId: randomUUID() }))
      .expect(422);
    expect(taken.text).toContain('Det finnes allerede et møte med dette kortnavnet.');
    expect(taken.text).toContain('value="2026-04-01"');
    const bad = await request(api.http)
      .post(`/plan/${PLAN}/moter`)
      .type('form')
      .send(form({ id: 'Ikke Gyldig', body: 'ÅM', date: '2026-04-01' }))
      .expect(422);
    expect(bad.text).toContain('Kortnavnet kan bare ha små bokstaver');
    const badDate = await request(api.http)
      .post(`/plan/${PLAN}/moter`)
      .type('form')
      .send(form({ id: 'et-annet-mote', body: 'ÅM', date: '2026-02-30' }))
      .expect(422);
    expect(badDate.text).toContain('Datoen er ikke en gyldig dato.');
    expect(await countEvents(api.database)).toBe(before);
  });

  it('shows the schedule form only to a meeting officer, and refuses the post to anyone else', async () => {
    const page = await request(api.anonymous).get(`/plan/${PLAN}/moter`).expect(200);
    expect(page.text).not.toContain('Sett opp møtet');
    // A page form without a session's CSRF token, or a token without the role, is refused.
    await request(api.anonymous)
      .post(`/plan/${PLAN}/moter`)
      .type('form')
      .send(form({ id: 'uten-rolle', body: 'ÅM', date: '2026-04-01' }))
      .expect(403);
  });

  it('shows each amendment with its change as a redline, its recommendation and its status', async () => {
    const admin = request(api.http);
    await admin
      .post(`/meetings/${MEETING}/amendments`)
      .send({
        no: 1,
        proposer: 'Sagene <SV>',
        target: { measure: '4.1.A' },
        op: 'replace_text',
        from: 'alle',
        to: 'noen',
        justification: 'Vi må <prioritere>.',
      })
      .expect(201);
    const page = squash((await request(api.anonymous).get(`/mote/${MEETING}`).expect(200)).text);
    expect(page).toContain('Forslag 1: endring, Tiltak 4.1.A');
    expect(page).toContain('Sagene &lt;SV&gt;');
    expect(page).toContain('Vi må &lt;prioritere&gt;.');
    expect(page).toMatch(/<del>alle<\/del><ins> ?noen<\/ins>/);
    expect(page).toContain('Ingen innstilling ennå.');
    expect(page).not.toContain('<script>alert');
  });

  describe('filing from the form', () => {
    const file = (fields: Record<string, string>) =>
      request(api.http)
        .post(`/mote/${MEETING}/forslag`)
        .set('HX-Request', 'true')
        .type('form')
        .send(form({ commandId: randomUUID(), ...fields }));
    const amendment = async (no: number) => {
      const meeting = (await request(api.http).get(`/meetings/${MEETING}`).expect(200)).body as {
        targets: Array<{ amendments: Array<Record<string, unknown> & { no: number }> }>;
      };
      return meeting.targets.flatMap((t) => t.amendments).find((a) => a.no === no);
    };

    it('files an amendment to a part of the plan chosen in the form, with the next free number', async () => {
      const res = await file({
        del: 'measure:4.1.A',
        type: 'ansvar',
        ansvar: 'FS',
        begrunnelse: 'Fylkesstyret må lede dette.',
        forslagsstiller: 'Grorud SV',
      }).expect(200);
      expect(squash(res.text)).toContain('Forslaget er fremmet som forslag 2.');
      expect(res.text).toMatch(/^<form\s+id="forslagsskjema"/);
      expect(await amendment(2)).toMatchObject({
        proposer: 'Grorud SV',
        op: 'reassign',
        fields: { responsible: ['FS'], reason: 'Fylkesstyret må lede dette.' },
        target: { kind: 'measure', address: '4.1.A' },
      });
    });

    it('refuses what cannot be filed with the reason in the form, keeping what was typed', async () => {
      const before = await countEvents(api.database);
      const notThere = await file({
        del: 'measure:4.1.A',
        type: 'endring',
        fra: 'finnes ikke',
        til: 'noe',
      }).expect(422);
      expect(squash(notThere.text)).toContain(
        'Teksten forslaget siterer, står ikke der forslaget viser til.',
      );
      expect(notThere.text).toContain('finnes ikke');
      const both = await file({ del: 'measure:4.1.A', linjer: '3', type: 'stryk' }).expect(422);
      expect(squash(both.text)).toContain('Oppgi enten linjer eller en del av planen, ikke begge.');
      const empty = await file({ del: 'section:4.1', type: 'nytt-tiltak' }).expect(422);
      expect(squash(empty.text)).toContain('Fyll inn teksten i det nye tiltaket.');
      const badBody = await file({
        del: 'section:4.1',
        type: 'nytt-tiltak',
        tekst: 'Nytt',
        ansvar: 'F$',
      }).expect(422);
      expect(squash(badBody.text)).toContain('Ugyldig organkode: F$.');
      expect(await countEvents(api.database)).toBe(before);
    });

    it('withdraws it again from the officer’s page', async () => {
      const res = await request(api.http)
        .post(`/mote/${MEETING}/forslag/2/votering`)
        .set('HX-Request', 'true')
        .type('form')
        .send(form({ commandId: randomUUID(), result: 'withdrawn', reason: 'Trukket av forslagsstiller' }))
        .expect(200);
      expect(squash(res.text)).toContain('Forslag 2: trukket: Trukket av forslagsstiller.');
      expect(await amendment(2)).toMatchObject({ status: 'withdrawn' });
      // Decided without a recommendation: there is none to wait for.
      const card = /id="forslag-2"[^]*?<\/article>/.exec(res.text)?.[0] ?? '';
      expect(squash(card)).toContain('Ingen innstilling.');
      expect(card).not.toContain('Ingen innstilling ennå');
    });
  });

  it('answers a live region with 204 until the meeting changes, then with the region anew', async () => {
    const first = await request(api.anonymous).get(`/mote/${MEETING}/live?visning=motet`).expect(200);
    const version = /hx-get="[^"]*v=([\w-]+)"/.exec(first.text)![1]!;
    await request(api.anonymous).get(`/mote/${MEETING}/live?visning=motet&v=${version}`).expect(204);
    await request(api.http)
      .post(`/meetings/${MEETING}/amendments/1/recommendation`)
      .send({ recommendation: 'reject', note: 'For snevert.' })
      .expect(200);
    const changed = await request(api.anonymous)
      .get(`/mote/${MEETING}/live?visning=motet&v=${version}`)
      .expect(200);
    expect(squash(changed.text)).toContain('Innstilling: Avvise');
    expect(changed.text).not.toContain(`v=${version}"`);
    await request(api.anonymous).get(`/mote/${MEETING}/live?visning=ukjent`).expect(404);
  });

  it('shows the hall the amendment to be treated, its recommendation, then the result just recorded', async () => {
    const screen = squash((await request(api.anonymous).get(`/mote/${MEETING}/skjerm`).expect(200)).text);
    expect(screen).toContain('Sist avgjort: forslag 2 – trukket: Trukket av forslagsstiller');
    expect(screen).toContain('Til behandling · 2 av 2');
    expect(screen).toContain('Forslag 1: endring, Tiltak 4.1.A');
    expect(screen).toContain('Innstilling: <strong>Avvise</strong>');
    expect(screen).toContain('hx-trigger="every 500ms"');
    const live = await request(api.anonymous).get(`/mote/${MEETING}/live?visning=skjerm`).expect(200);
    expect(live.text).toMatch(/^<div\s+id="skjerm-live"/);
  });

  describe("the officer's page", () => {
    const officer = () => request(api.http);
    const htmx = (path: string, fields: Record<string, string>) =>
      officer()
        .post(path)
        .set('HX-Request', 'true')
        .type('form')
        .send(form({ commandId: randomUUID(), ...fields }));

    it('records a recommendation with the committee’s modified text, and refuses one without it', async () => {
      const refused = await htmx(`/mote/${MEETING}/forslag/1/innstilling`, {
        recommendation: 'adopt_modified',
      }).expect(422);
      expect(squash(refused.text)).toContain('Skriv komiteens endrede tekst for «vedta med endring».');
      expect(refused.text).toMatch(/^<div id="ledelse"/);
      const done = await htmx(`/mote/${MEETING}/forslag/1/innstilling`, {
        recommendation: 'adopt_modified',
        modified: 'mange',
        note: 'Komiteen foreslår et mellomstandpunkt.',
      }).expect(200);
      expect(squash(done.text)).toContain('Innstillingen til forslag 1 er lagret.');
      expect(squash(done.text)).toContain('Innstilling: Vedta med endring');
      const meeting = (await officer().get(`/meetings/${MEETING}`).expect(200)).body;
      expect(meeting.targets[0].amendments[0].recommendation).toEqual({
        recommendation: 'adopt_modified',
        modified: { to: 'mange' },
        note: 'Komiteen foreslår et mellomstandpunkt.',
      });
    });

    it('refuses a count that is not a number, then records the vote with its counts', async () => {
      const before = await countEvents(api.database);
      const refused = await htmx(`/mote/${MEETING}/forslag/1/votering`, {
        result: 'adopted',
        for: 'mange',
      }).expect(422);
      expect(squash(refused.text)).toContain('Stemmetallene må være hele tall fra 0.');
      expect(refused.text).toContain('value="mange"');
      expect(await countEvents(api.database)).toBe(before);
      const done = await htmx(`/mote/${MEETING}/forslag/1/votering`, {
        result: 'adopted',
        modified: 'true',
        for: '40',
        against: '12',
        abstain: '3',
      }).expect(200);
      expect(squash(done.text)).toContain(
        'Forslag 1: vedtatt med komiteens endring (40 for, 12 mot, 3 avholdende).',
      );
      const meeting = (await officer().get(`/meetings/${MEETING}`).expect(200)).body;
      expect(meeting.targets[0].amendments[0]).toMatchObject({
        status: 'adopted',
        modified: true,
        votes: { for: 40, against: 12, abstain: 3 },
      });
      const plan = (await officer().get(`/plans/${PLAN}`).expect(200)).body;
      expect(plan.sections[0].measures[0].text).toContain('mange</b> bydeler');
    });

    it('votes on the plan as a whole once every amendment is decided, and sends a plain form back', async () => {
      await officer()
        .post(`/meetings/${MEETING}/amendments`)
        .send({ no: 3, target: { measure: '4.1.A' }, op: 'change_timing', timing: 'Høst 2026' })
        .expect(201);
      const refused = await htmx(`/mote/${MEETING}/planvotering`, { result: 'adopted' }).expect(422);
      expect(squash(refused.text)).toContain(
        'Stem over alle forslagene før planen som helhet (gjenstår: 3).',
      );
      const plain = await officer()
        .post(`/mote/${MEETING}/forslag/3/votering`)
        .type('form')
        .send(form({ result: 'rejected', commandId: randomUUID() }))
        .expect(303);
      expect(plain.headers.location).toBe(`/mote/${MEETING}/ledelse#forslag-3`);
      const done = await htmx(`/mote/${MEETING}/planvotering`, {
        result: 'adopted',
        for: '50',
        against: '0',
      }).expect(200);
      expect(squash(done.text)).toContain('Planen som helhet: vedtatt (50 for, 0 mot).');
      // The page's header is swapped too: it says the meeting is over, not that voting goes on.
      expect(done.text).toContain(
        '<dd id="mote-status" hx-swap-oob="true">Avsluttet: planen er vedtatt</dd>',
      );
      const plan = (await officer().get(`/plans/${PLAN}`).expect(200)).body;
      expect(plan.adoptedRevision).toBe(1);
    });

    it('is for meeting officers: the page and its forms refuse anyone else', async () => {
      await request(api.anonymous).get(`/mote/${MEETING}/ledelse`).expect(403);
      await request(api.anonymous)
        .post(`/mote/${MEETING}/forslag/1/innstilling`)
        .type('form')
        .send(form({ recommendation: 'adopt' }))
        .expect(403);
    });
  });

  it('writes the protocol as a page, a Word file and a PDF: amendments in voting order, the plan vote, the redline', async () => {
    const page = squash((await request(api.anonymous).get(`/mote/${MEETING}/protokoll`).expect(200)).text);
    expect(page).toContain('Endringsforslag i voteringsrekkefølge');
    expect(page.indexOf('Forslag 1: endring, Tiltak 4.1.A')).toBeLessThan(
      page.indexOf('Forslag 3: ny gjennomføring'),
    );
    expect(page).toContain('Resultat:</strong> Vedtatt med komiteens endring (40 for, 12 mot, 3 avholdende)');
    expect(page).toContain('Planen som helhet: vedtatt (50 for, 0 mot).');
    expect(page).toContain('Vedtatt plan mot sakspapiret');
    expect(page).toMatch(/<del>alle<\/del><ins> ?mange<\/ins>/);
    expect(page).toContain(`href="/meetings/${MEETING}/protocol"`);

    const docx = await request(api.anonymous)
      .get(`/mote/${MEETING}/protokoll.docx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toBe(`attachment; filename="${MEETING}-protokoll.docx"`);
    const word = readDocx(docx.body as Buffer).lines.join('\n');
    expect(word).toContain('Protokoll: Årsmøtet <2026>');
    expect(word).toMatch(/2\. Forslag 1: endring, Tiltak 4\.1\.A[\s\S]*3\. Forslag 3: ny gjennomføring/);
    expect(word).toContain('Resultat: Vedtatt med komiteens endring (40 for, 12 mot, 3 avholdende)');
    expect(word).toContain('~~alle~~');

    const pdf = await request(api.anonymous)
      .get(`/mote/${MEETING}/protokoll.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const printed = (await readPdf(new Uint8Array(pdf.body as Buffer))).lines.join('\n');
    expect(printed).toContain('Protokoll: Årsmøtet <2026>');
    expect(printed).toContain('Planen som helhet: vedtatt (50 for, 0 mot).');
    expect(printed).toMatch(/Resultat: Vedtatt med komiteens endring \(40 for, 12 mot, 3\s+avholdende\)/);
  });

  it('serves the meeting pages as Norwegian HTML with no inline script, style or event handler', async () => {
    for (const path of [
      `/plan/${PLAN}/moter`,
      `/mote/${MEETING}`,
      `/mote/${MEETING}/ledelse`,
      `/mote/${MEETING}/skjerm`,
    ]) {
      const res = await request(api.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/^<!doctype html>\s*<html lang="nb">/);
      for (const [, attributes] of res.text.matchAll(/<script\b([^>]*)>/g))
        expect(attributes).toMatch(/src="\/assets\/[a-z.]+\.js"/);
      expect(res.text).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
      expect(res.text).not.toMatch(/https?:\/\//);
      expect(res.text).toContain('href="/assets/meeting.css"');
    }
  });

  it('answers a meeting that is not there with a Norwegian 404 page', async () => {
    const res = await request(api.http).get('/mote/finnes-ikke').expect(404);
    expect(res.text).toContain('Fant ikke noe møte med id «finnes-ikke».');
    await request(api.http).get('/mote/IKKE_GYLDIG').expect(404);
  });
});
