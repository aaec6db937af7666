import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionRunner } from '@app/read-models';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parse as parseYaml, stringify } from 'yaml';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');
const PROTOCOL = readFileSync(new URL('../fixtures/oslo-sv-am-2026.protocol.yaml', import.meta.url), 'utf8');
const PLAN = 'oslo-sv-2024-2027';
const MEETING = 'oslo-sv-am-2026';

const measures = (view: any): any[] =>
  view.sections.flatMap(function all(s: any): any[] {
    return [...s.measures, ...s.sections.flatMap(all)];
  });
const sections = (view: any): any[] =>
  view.sections.flatMap(function all(s: any): any[] {
    return [s, ...s.sections.flatMap(all)];
  });
const measure = (view: any, address: string) => measures(view).find((m) => m.address === address);

/**
 * The annual meeting of Oslo SV treats the real 2026 draft (imported from its text): 24
 * amendments filed, recommended and voted on, replayed from the protocol; the adopted plan
 * follows from the votes, every change carrying the meeting and amendment as its cause.
 */
describe('an annual meeting replayed from its protocol', () => {
  let api: TestApi;
  const yaml = (path: string, body: string) =>
    request(api.http).post(path).set('Content-Type', 'application/yaml').send(body);
  const get = (path: string) => request(api.http).get(path);
  let afterImport: number;
  let importedHistory: number;

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(seed).expect(201);
    afterImport = await countEvents(api.database);
    importedHistory = (await get(`/plans/${PLAN}/history`).expect(200)).body.length;
  });

  afterAll(async () => {
    await api.close();
  });

  it('shows the outcome and the resulting plan in a dry run, appending nothing', async () => {
    const dry = (await yaml('/meetings/replay?dryRun=true', PROTOCOL).expect(200)).body;
    expect(dry).toMatchObject({ dryRun: true, appended: 0, planVote: 'adopted', adoptedRevision: 1 });
    expect(dry.amendments.find((a: any) => a.no === 2)).toMatchObject({ status: 'lapsed' });
    expect(dry.markdown).toContain('J. Vi skal arrangere “Ny i SV”-møter fire ganger i året.');
    expect(dry.markdown).toContain('### 4.5 Økonomi og innsamling');
    expect(measure(dry.plan, '4.1.D')).toBeUndefined();
    expect(await countEvents(api.database)).toBe(afterImport);
    await get(`/meetings/${MEETING}`).expect(404);
    expect((await get(`/plans/${PLAN}`).expect(200)).body.adoptedRevision).toBe(0);
  });

  it('reads the same protocol written with the Norwegian words, to the same outcome and plan', async () => {
    const words: Array<[RegExp, string]> = [
      [/recommendation: adopt_modified/g, 'recommendation: vedta med endring'],
      [/recommendation: adopt/g, 'recommendation: vedta'],
      [/recommendation: reject/g, 'recommendation: avvise'],
      [/recommendation: refer/g, 'recommendation: oversendes styret'],
      [/result: adopted/g, 'result: vedtatt'],
      [/result: rejected/g, 'result: falt'],
      [/result: withdrawn/g, 'result: trukket'],
      [/result: lapsed/g, 'result: bortfalt'],
      [/result: referred/g, 'result: oversendt'],
      [/plan: adopted/g, 'plan: vedtatt'],
    ];
    const norwegian = words.reduce((text, [from, to]) => text.replace(from, to), PROTOCOL);
    expect(norwegian).not.toMatch(
      /result: (adopted|rejected|withdrawn|lapsed|referred)|recommendation: (adopt|reject|refer)\b/,
    );
    const english = (await yaml('/meetings/replay?dryRun=true', PROTOCOL).expect(200)).body;
    const read = (await yaml('/meetings/replay?dryRun=true', norwegian).expect(200)).body;
    expect(read.amendments).toEqual(english.amendments);
    expect(read.markdown).toBe(english.markdown);
    expect(read).toMatchObject({ planVote: 'adopted', adoptedRevision: 1 });
  });

  it('replays the protocol: every amendment settled as voted, the plan adopted as revision 1', async () => {
    const replayed = (await yaml('/meetings/replay', PROTOCOL).expect(201)).body;
    expect(replayed.appended).toBeGreaterThan(24);
    expect(replayed.adoptedRevision).toBe(1);
    const status = Object.fromEntries(replayed.amendments.map((a: any) => [a.no, a.status]));
    expect(status).toEqual({
      1: 'adopted',
      2: 'lapsed',
      3: 'adopted',
      4: 'adopted',
      5: 'adopted',
      6: 'adopted',
      7: 'adopted',
      8: 'adopted',
      9: 'adopted',
      10: 'rejected',
      11: 'adopted',
      12: 'adopted',
      13: 'adopted',
      14: 'withdrawn',
      15: 'referred',
      16: 'rejected',
      17: 'lapsed',
      18: 'adopted',
      19: 'adopted',
      20: 'adopted',
      21: 'rejected',
      22: 'adopted',
      23: 'adopted',
      24: 'adopted',
    });
    expect(replayed.amendments.find((a: any) => a.no === 17)).toMatchObject({
      voted: null,
      reason: 'Tiltak 4.3.I er strøket ved forslag 18',
    });
  });

  it('gives the plan the adopted text, and nothing of what was rejected, withdrawn or referred', async () => {
    const plan = (await get(`/plans/${PLAN}`).expect(200)).body;
    expect(plan).toMatchObject({ status: 'adopted', adoptedRevision: 1, changedSinceAdoption: false });
    expect(plan.adoptions).toEqual([
      expect.objectContaining({ revision: 1, body: 'ÅM', date: '2026-03-14', decisionRef: MEETING }),
    ]);
    expect(measure(plan, '4.2.J').text).toBe('Vi skal arrangere “Ny i SV”-møter fire ganger i året.');
    expect(measure(plan, '4.2.A').text).toBe(
      'Den direkte medlemskontakten gjennom ringing og SMS skal økes.',
    );
    expect(measure(plan, '4.2.B').text).toBe(
      'Det skal i 2026 ringes for å mobilisere til dørbankaksjoner, lokallagene forventes å ta hovedansvaret i dette arbeidet.',
    );
    // The committee's modified wording, not the proposer's.
    expect(measure(plan, '4.2.I').text).toMatch(
      /^Alle lokallag bør ha minst to medlemsaktiviteter per halvår, hvorav én sosial, i tillegg/,
    );
    expect(measure(plan, '4.1.I')).toMatchObject({
      text: 'Oslo SV skal gjennomføre en dørbankaksjon i hver bydel før sommeren 2026.',
      timing: 'Vår 2026',
      responsible: ['FS', 'LL'],
    });
    expect(measure(plan, '4.1.D')).toBeUndefined();
    expect(measure(plan, '4.3.I')).toBeUndefined();
    expect(measures(plan).some((m) => m.text.startsWith('Gruppestrukturen skal gjennomgås'))).toBe(false);
    expect(measure(plan, '4.3.A').responsible).toEqual(['FS']);
    expect(measure(plan, '4.1.C').timing).toBe('Høst 2026');
    expect(measure(plan, '5.4.I').responsible).toEqual(['FS', 'AU']);
    expect(measure(plan, '5.1.D').text).toBe(
      'Vi skal ha en årlig runde med «Oslo SV-skolen» (grunnskolering) for nye og gamle medlemmer.',
    );
    expect(measure(plan, '5.8.C').text).toMatch(
      /^Fortsette med Oslo SV sitt nyhetsbrev som sendes ut til alle medlemmer\./,
    );
    expect(measure(plan, '5.6.E').text).toBe(
      'Oslo SV skal være representert i 8. mars-komiteens arbeidsutvalg og på parolemøtet.',
    );
    expect(measure(plan, '4.4.F')).toMatchObject({ responsible: ['BU-gruppe'], timing: 'Årlig' });
    const s31 = sections(plan).find((s) => s.number === '3.1');
    expect(s31.goals.map((g: any) => g.text)).toContain(
      'Oslo SV skal ha 4000 medlemmer innen utgangen av 2027.',
    );
    expect(sections(plan).find((s) => s.number === '4.5')).toMatchObject({ title: 'Økonomi og innsamling' });
    // Rejected, withdrawn, referred: unchanged.
    expect(measure(plan, '5.2.I').text).toBe(
      'Ha kjønnsdelte formøter ifm. større partimøter eller etter behov.',
    );
    expect(measure(plan, '5.8.B').text).toBe('Det skal produseres og legges ut videoer om politiske saker.');
    expect(measures(plan).some((m) => m.text.includes('frigjøringsdagen'))).toBe(false);
    const s32 = sections(plan).find((s) => s.number === '3.2');
    expect(s32.goals).toHaveLength(12);
  });

  it("records the meeting and the amendment as the cause of each plan change, on the meeting's date", async () => {
    const history = (await get(`/plans/${PLAN}/history`).expect(200)).body;
    const fromMeeting = history.filter((row: any) => row.cause?.kind === 'meeting');
    expect(fromMeeting.length).toBe(history.length - importedHistory);
    for (const row of fromMeeting) {
      expect(row.cause.meetingId).toBe(MEETING);
      expect(row.effectiveAt).toBe('2026-03-14');
    }
    const reworded = history.filter((row: any) => row.eventType === 'MeasureReworded');
    expect(
      reworded.find((row: any) => row.data.to === 'Vi skal arrangere “Ny i SV”-møter fire ganger i året.')
        .cause,
    ).toEqual({ kind: 'meeting', meetingId: MEETING, amendmentNo: 1 });
    const byAmendment = new Set(fromMeeting.map((row: any) => row.cause.amendmentNo).filter(Boolean));
    expect([...byAmendment].sort((a: any, b: any) => a - b)).toEqual([
      1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 18, 19, 20, 22, 23, 24,
    ]);
    const adoption = history.find((row: any) => row.eventType === 'PlanAdopted');
    expect(adoption.cause).toEqual({ kind: 'meeting', meetingId: MEETING });
  });

  it('shows the meeting: amendments per target, votes, conflicts, lapses and nothing left to vote on', async () => {
    const meeting = (await get(`/meetings/${MEETING}`).expect(200)).body;
    expect(meeting).toMatchObject({
      planId: PLAN,
      body: 'ÅM',
      date: '2026-03-14',
      status: 'concluded',
      amendments: 24,
      toVote: [],
      planVote: { result: 'adopted', for: 120, against: 0, abstain: 2 },
    });
    const j = meeting.targets.find((t: any) => t.target === '4.2.J');
    expect(j.amendments.map((a: any) => [a.no, a.status])).toEqual([
      [1, 'adopted'],
      [2, 'lapsed'],
    ]);
    expect(j.amendments[0]).toMatchObject({
      proposer: 'Sagene SV',
      recommendation: { recommendation: 'adopt' },
      votes: { for: 87, against: 12, abstain: 3 },
      conflictsWith: [2],
    });
    expect(j.amendments[1].reason).toBe(
      '«to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1)',
    );
    const i = meeting.targets.find((t: any) => t.target === '4.2.I').amendments[0];
    expect(i).toMatchObject({ no: 12, modified: true, recommendation: { recommendation: 'adopt_modified' } });
    expect(meeting.conflicts.map((c: any) => [c.target, c.amendments])).toEqual([
      ['4.2.J', [1, 2]],
      ['4.3.I', [17, 18]],
    ]);
    const cited = meeting.targets.find((t: any) => t.target === '4.4');
    expect(cited.amendments[0]).toMatchObject({ no: 13, cited: { line: 148, new: true }, op: 'add_measure' });
    const list = (await get(`/meetings?planId=${PLAN}`).expect(200)).body;
    expect(list).toEqual([
      expect.objectContaining({ id: MEETING, status: 'concluded', amendments: 24, planVote: 'adopted' }),
    ]);
    expect((await get('/meetings?planId=no-such-plan').expect(200)).body).toEqual([]);
  });

  it('changes nothing when the protocol is replayed again', async () => {
    const before = await countEvents(api.database);
    const again = (await yaml('/meetings/replay', PROTOCOL).expect(201)).body;
    expect(again.appended).toBe(0);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('exports the protocol as recorded, which replays to the same result', async () => {
    const exported = await get(`/meetings/${MEETING}/protocol`).expect(200);
    expect(exported.headers['content-type']).toMatch(/application\/yaml/);
    const protocol = parseYaml(exported.text);
    expect(protocol.votes).toHaveLength(25);
    expect(protocol.votes[1]).toEqual({
      amendment: 2,
      result: 'lapsed',
      reason: '«to ganger i året» står ikke lenger i tiltak 4.2.J (endret ved forslag 1)',
    });
    const before = await countEvents(api.database);
    expect((await yaml('/meetings/replay', exported.text).expect(201)).body.appended).toBe(0);
    expect(await countEvents(api.database)).toBe(before);

    // The same protocol on a copy of the draft gives the same plan.
    const copy = 'oslo-sv-kopi-2024-2027';
    await request(api.http)
      .post(`/imports?id=${copy}`)
      .set('Content-Type', 'text/plain')
      .send(seed)
      .expect(201);
    protocol.meeting = { ...protocol.meeting, id: 'oslo-sv-kopi-am-2026', plan: copy };
    await yaml('/meetings/replay', stringify(protocol)).expect(201);
    const original = (await get(`/plans/${PLAN}`).expect(200)).body;
    const replayed = (await get(`/plans/${copy}`).expect(200)).body;
    const shape = (view: any) =>
      sections(view).map((s) => ({
        number: s.number,
        title: s.title,
        goals: s.goals.map((g: any) => g.text),
        measures: s.measures.map((m: any) => [m.address, m.text, m.timing, m.responsible]),
      }));
    expect(shape(replayed)).toEqual(shape(original));
    expect(replayed.adoptedRevision).toBe(1);
  });

  it("shows the meeting's redline: the draft it received against the revision it adopted, each change with amendment and vote", async () => {
    const md = (await get(`/plans/${PLAN}/redline?meeting=${MEETING}&format=md`).expect(200)).text;
    expect(md).toMatch(/: utkastet mot revisjon 1/);
    expect(md).toMatch(
      /J\. Vi skal arrangere “Ny i SV”-møter ~~to~~\*\*fire\*\* ganger i året\..*\[Endringsforslag 1 \(Oslo SVs årsmøte 2026\), vedtatt 87–12–3\]/,
    );
    const html = (await get(`/plans/${PLAN}/redline?meeting=${MEETING}`).expect(200)).text;
    expect(html).toMatch(/<del>to<\/del><ins>fire<\/ins>/);
    await get(`/plans/${PLAN}/redline?meeting=no-such-meeting`).expect(404);
    await get(`/plans/${PLAN}/redline?meeting=${MEETING}&from=1`).expect(400);
  });

  it('gives the same answers after the projections are rebuilt', async () => {
    const read = async () => ({
      redline: (await get(`/plans/${PLAN}/redline?meeting=${MEETING}&format=md`).expect(200)).text,

      meeting: (await get(`/meetings/${MEETING}`).expect(200)).body,
      meetings: (await get('/meetings').expect(200)).body,
      protocol: (await get(`/meetings/${MEETING}/protocol?format=json`).expect(200)).body,
      plan: (await get(`/plans/${PLAN}`).expect(200)).body,
      history: (await get(`/plans/${PLAN}/history`).expect(200)).body,
    });
    const before = await read();
    await api.app.get(ProjectionRunner).rebuild();
    expect(await read()).toEqual(before);
  });

  describe('a later meeting, step by step', () => {
    const RS = 'oslo-sv-rs-2026-06';
    const post = (path: string, body: object) => request(api.http).post(path).send(body);

    beforeAll(async () => {
      await post('/meetings', {
        id: RS,
        organisationId: 'oslo-sv',
        body: 'RS',
        date: '2026-06-10',
        planId: PLAN,
        edition: '2026b',
      }).expect(201);
      await post(`/meetings/${RS}/amendments`, {
        no: 1,
        target: { measure: '4.2.J' },
        op: 'replace_text',
        from: 'fire ganger i året',
        to: 'seks ganger i året',
      }).expect(201);
      await post(`/meetings/${RS}/amendments`, {
        no: 2,
        target: { measure: '4.2.J' },
        op: 'strike_measure',
        reason: 'Slås sammen med 4.2.H',
      }).expect(201);
      await post(`/meetings/${RS}/amendments`, {
        no: 3,
        target: { measure: '4.2.A' },
        op: 'change_timing',
        timing: 'Hver måned',
      }).expect(201);
    });

    it('refuses an amendment that does not fit the plan, saying which and why, appending nothing', async () => {
      const before = await countEvents(api.database);
      const unknown = await post(`/meetings/${RS}/amendments`, {
        no: 4,
        target: { measure: '4.2.Z' },
        op: 'strike_measure',
      }).expect(400);
      expect(unknown.body).toMatchObject({
        error: 'TARGET_NOT_FOUND',
        message: 'Tiltak 4.2.Z finnes ikke i planen',
      });
      const text = await post(`/meetings/${RS}/amendments`, {
        no: 4,
        target: { measure: '4.2.A' },
        op: 'replace_text',
        from: 'per telefon',
        to: 'per SMS',
      }).expect(400);
      expect(text.body.details).toEqual({ field: 'from' });
      await post(`/meetings/${RS}/amendments`, {
        no: 1,
        target: { measure: '4.2.A' },
        op: 'strike_measure',
      }).expect(409);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('suggests the voting order: the strike first, the replacement marked as lapsing if it passes', async () => {
      const meeting = (await get(`/meetings/${RS}`).expect(200)).body;
      expect(meeting.conflicts).toEqual([expect.objectContaining({ target: '4.2.J', amendments: [1, 2] })]);
      expect(meeting.toVote).toEqual([3, 2, 1]);
      expect(meeting.votingOrder.find((t: any) => t.target === '4.2.J').amendments).toEqual([
        { no: 2, op: 'strike_measure', lapses: null, lapsesIfAdopted: [] },
        { no: 1, op: 'replace_text', lapses: null, lapsesIfAdopted: [2] },
      ]);
    });

    it('previews the plan with chosen amendments adopted, writing nothing', async () => {
      const before = await countEvents(api.database);
      const preview = (await get(`/meetings/${RS}/preview?adopt=1,2`).expect(200)).body;
      expect(preview.outcomes).toEqual([
        { no: 2, result: 'adopted', reason: null },
        { no: 1, result: 'lapsed', reason: 'Tiltak 4.2.J er strøket ved forslag 2' },
      ]);
      expect(measure(preview.plan, '4.2.J')).toBeUndefined();
      const one = (await get(`/meetings/${RS}/preview?adopt=1`).expect(200)).body;
      expect(measure(one.plan, '4.2.J').text).toBe('Vi skal arrangere “Ny i SV”-møter seks ganger i året.');
      const md = await get(`/meetings/${RS}/preview?adopt=3&format=md`).expect(200);
      expect(md.text).toMatch(
        /A\. Den direkte medlemskontakten gjennom ringing og SMS skal økes\. — \*Hver måned;/,
      );
      await get(`/meetings/${RS}/preview?adopt=9`).expect(404);
      await get(`/meetings/${RS}/preview?adopt=x`).expect(400);
      expect(await countEvents(api.database)).toBe(before);
      expect(measure((await get(`/plans/${PLAN}`).expect(200)).body, '4.2.J')).toBeDefined();
    });

    it('carries an adopted vote into the plan at once, and adopts the next revision with the plan vote', async () => {
      await post(`/meetings/${RS}/plan-vote`, { result: 'adopted' }).expect(409);
      const voted = (
        await post(`/meetings/${RS}/amendments/3/vote`, { result: 'adopted', for: 30 }).expect(200)
      ).body;
      expect(voted.planChanges).toBe(1);
      expect(measure((await get(`/plans/${PLAN}`).expect(200)).body, '4.2.A').timing).toBe('Hver måned');
      await post(`/meetings/${RS}/amendments/2/vote`, { result: 'adopted' }).expect(200);
      // Striking 4.2.J made amendment 1 lapse at once; adopting it now is refused, naming no. 2.
      const refused = await post(`/meetings/${RS}/amendments/1/vote`, { result: 'adopted' }).expect(409);
      expect(refused.body).toMatchObject({
        error: 'AMENDMENT_LAPSED',
        message: 'Forslag 1 er bortfalt og kan ikke vedtas: Tiltak 4.2.J er strøket ved forslag 2',
      });
      const meeting = (await get(`/meetings/${RS}`).expect(200)).body;
      const one = meeting.targets
        .find((t: any) => t.target === '4.2.J')
        .amendments.find((a: any) => a.no === 1);
      expect(one).toMatchObject({ status: 'lapsed', reason: 'Tiltak 4.2.J er strøket ved forslag 2' });
      await post(`/meetings/${RS}/plan-vote`, { result: 'adopted', for: 40, against: 1 }).expect(200);
      const plan = (await get(`/plans/${PLAN}`).expect(200)).body;
      expect(plan).toMatchObject({ adoptedRevision: 2, edition: '2026b' });
      expect(plan.adoptions[1]).toMatchObject({ body: 'RS', date: '2026-06-10', decisionRef: RS });
      const history = (await get(`/plans/${PLAN}/history`).expect(200)).body;
      expect(
        history.find((r: any) => r.eventType === 'MeasureRetimed' && r.data.to === 'Hver måned'),
      ).toMatchObject({
        cause: { kind: 'meeting', meetingId: RS, amendmentNo: 3 },
        effectiveAt: '2026-06-10',
      });
    });
  });

  describe('a plan made by hand, cited by the lines of its meeting papers', () => {
    const HAND = 'oslo-sv-hand-2024-2027';
    const post = (path: string, body: object) => request(api.http).post(path).send(body);

    it('resolves "Linje N" to the element on that line of the numbered papers (document?lineNumbers=true)', async () => {
      await post('/plans', {
        id: HAND,
        organisationId: 'oslo-sv',
        title: 'Arbeidsplan laget for hånd',
        period: { from: 2024, to: 2027 },
        bodies: [
          { code: 'FS', name: 'Fylkesstyret' },
          { code: 'LL', name: 'Lokallag' },
        ],
      }).expect(201);
      const section = (await post(`/plans/${HAND}/sections`, { number: '1', title: 'Medlemmer' }).expect(201))
        .body.sectionId;
      for (const text of ['Ringe nye medlemmer to ganger i året.', 'Holde medlemsmøter to ganger i året.'])
        await post(`/plans/${HAND}/measures`, {
          sectionId: section,
          text,
          timing: '2026',
          responsible: ['LL'],
        }).expect(201);
      const papers = (await get(`/plans/${HAND}/document?format=md&lineNumbers=true`).expect(200)).text;
      const lineOf = (text: string): number =>
        Number(/^\s*(\d+) /.exec(papers.split('\n').find((l) => l.includes(text))!)![1]);
      const ringe = lineOf('Ringe nye medlemmer');
      const holde = lineOf('Holde medlemsmøter');

      await post('/meetings', {
        id: 'hand-am-2026',
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2026-03-14',
        planId: HAND,
      }).expect(201);
      await post('/meetings/hand-am-2026/amendments', {
        no: 1,
        target: { lines: `Linje ${ringe}` },
        op: 'Endring',
        from: 'to ganger',
        to: 'fire ganger',
      }).expect(201);
      const ambiguous = await post('/meetings/hand-am-2026/amendments', {
        no: 2,
        target: { lines: `${ringe} tom ${holde}` },
        op: 'change_timing',
        timing: 'Høst 2026',
      }).expect(400);
      expect(ambiguous.body).toMatchObject({
        error: 'AMBIGUOUS_TARGET',
        message: expect.stringMatching(/gjelder flere: tiltak 1\.A \(linje \d+–\d+\) og tiltak 1\.B/),
      });
      const meeting = (await get('/meetings/hand-am-2026').expect(200)).body;
      expect(meeting.targets).toEqual([
        expect.objectContaining({
          target: '1.A',
          amendments: [
            expect.objectContaining({ no: 1, op: 'replace_text', cited: { lines: `Linje ${ringe}` } }),
          ],
        }),
      ]);
    });
  });

  describe('a protocol with problems', () => {
    it('is refused whole when its shape is wrong, listing every problem with its line', async () => {
      const before = await countEvents(api.database);
      const bad = [
        'meeting: { id: oslo-sv-am-2027, org: oslo-sv, body: ÅM, date: 2027-03-13, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 1, target: { measure: "4.2.A" }, op: change_timing, timing: Vår 2027 }',
        '  - { no: 1, target: { measure: "4.2.B" }, op: change_timing, timing: Vår 2027 }',
        'votes:',
        '  - { amendment: 7, result: adopted }',
        '',
      ].join('\n');
      const response = await yaml('/meetings/replay', bad).expect(400);
      expect(response.body.error).toBe('INVALID_PROTOCOL');
      expect(response.body.problems).toEqual([
        { amendment: 1, line: 4, field: 'amendments[1].no', message: 'forslagsnummer 1 er brukt to ganger' },
        {
          amendment: 7,
          line: 6,
          field: 'votes[0].amendment',
          message: 'det er ikke noe forslag 7 i denne protokollen',
        },
      ]);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('is refused whole when it does not fit the plan, listing every problem, appending nothing', async () => {
      const before = await countEvents(api.database);
      const bad = [
        'meeting: { id: oslo-sv-am-2027, org: oslo-sv, body: XYZ, date: 2027-03-13, plan: oslo-sv-2024-2027 }',
        'amendments:',
        '  - { no: 1, target: { measure: "4.2.Z" }, op: strike_measure }',
        '  - { no: 2, target: { measure: "4.2.A" }, op: replace_text, from: hver eneste uke, to: x }',
        '  - { no: 3, target: { measure: "4.2.B" }, op: reassign, responsible: [LL, Styret] }',
        '  - { no: 4, target: { measure: "4.2.C" }, op: change_timing, timing: Vår 2027 }',
        'votes:',
        '  - { amendment: 4, result: adopted }',
        '  - { plan: adopted }',
        '',
      ].join('\n');
      const response = await yaml('/meetings/replay', bad).expect(400);
      expect(response.body.problems).toEqual([
        {
          line: 1,
          field: 'meeting.body',
          message: 'Ukjent organ «XYZ»; møter holdes av ÅM, RS, LS, LM',
        },
        {
          amendment: 1,
          line: 3,
          field: 'amendments[0].target',
          message: 'Tiltak 4.2.Z finnes ikke i planen',
        },
        {
          amendment: 2,
          line: 4,
          field: 'amendments[1].from',
          message: expect.stringMatching(
            /^«hver eneste uke» står ikke i tiltak 4\.2\.A, som lyder: «Den direkte/,
          ),
        },
        {
          amendment: 3,
          line: 5,
          field: 'amendments[2].responsible',
          message: expect.stringMatching(
            /^Ukjent organ: Styret\. Bruk kodene fra planens forkortelsesliste: .*FS.*$/,
          ),
        },
      ]);
      expect(await countEvents(api.database)).toBe(before);
      await get('/meetings/oslo-sv-am-2027').expect(404);
    });

    it('says which plan is missing', async () => {
      const bad = PROTOCOL.replace('id: oslo-sv-am-2026', 'id: oslo-sv-am-2030').replace(
        'plan: oslo-sv-2024-2027',
        'plan: oslo-sv-2030-2033',
      );
      const response = await yaml('/meetings/replay', bad).expect(400);
      expect(response.body.problems).toEqual([
        { line: 9, field: 'meeting.plan', message: 'Planen «oslo-sv-2030-2033» finnes ikke' },
      ]);
    });
  });
});
