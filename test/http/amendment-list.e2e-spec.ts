import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');
/** The same draft's amendments as a party's web page lists them, copied: "1.", labels run into values. */
const WEB_LIST = readFileSync(
  new URL('../fixtures/oslo-sv-2026.endringsforslag-nettside.txt', import.meta.url),
  'utf8',
);

/** An amendment list as a party circulates it, against the 2026 Oslo SV draft (its own line numbers). */
const LIST = `Endringsforslag til arbeids- og organisasjonsplanen, årsmøtet 2026

Forslag 1
Forslagsstiller: Østensjø SV
Plass: Linje 141 tom 142
Type forslag: Endring
Forslag: Stryke: «minst to medlemsaktiviteter per halvår» Erstatte med: «minst tre medlemsaktiviteter per halvår»
Forklaring: Flere aktiviteter gir flere aktive medlemmer.

Forslag 2
Forslagsstiller: Gamle Oslo SV
Plass: Linje 141
Type forslag: Stryking
Forslag: Stryke «særskilt»

Forslag 3
Forslagsstiller: Sagene SV
Plass: Linje 141 tom 142
Type forslag: Endring
Forslag: Stryke: «denne teksten finnes ikke» Erstatte med: «noe annet»

Forslag 4
Forslagsstiller: Alna SV
Type forslag: Stryking
Forslag: Stryke hele punktet.
`;

describe('importing an amendment list in the text shape parties circulate', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http).post('/imports').set('Content-Type', 'text/plain').send(seed).expect(201);
    await request(api.http)
      .post('/meetings')
      .send({
        id: 'oslo-sv-am-2026',
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2026-03-14',
        planId: 'oslo-sv-2024-2027',
      })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('files the entries it can resolve against the draft, and names every other with its number and why', async () => {
    const response = await request(api.http)
      .post('/meetings/oslo-sv-am-2026/amendments/import')
      .set('Content-Type', 'text/plain')
      .send(LIST)
      .expect(201);
    expect(response.body.filed).toEqual([1, 2]);
    expect(response.body.unresolved).toEqual([
      expect.objectContaining({ no: 4, line: 22, message: expect.stringMatching(/mangler «Plass:»/) }),
      expect.objectContaining({ no: 3, message: expect.stringMatching(/denne teksten finnes ikke/) }),
    ]);
    const meeting = (await request(api.http).get('/meetings/oslo-sv-am-2026').expect(200)).body;
    const filed = JSON.stringify(meeting);
    expect(filed).toMatch(/minst tre medlemsaktiviteter per halvår/);
    expect(filed).toMatch(/Østensjø SV/);
  });

  it('files nothing twice when the same list is imported again', async () => {
    const before = await countEvents(api.database);
    const again = await request(api.http)
      .post('/meetings/oslo-sv-am-2026/amendments/import')
      .send({ content: LIST })
      .expect(201);
    expect(again.body.filed).toEqual([1, 2]);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('answers 404 for a meeting that does not exist and 400 for an empty list', async () => {
    await request(api.http)
      .post('/meetings/no-such-meeting/amendments/import')
      .send({ content: LIST })
      .expect(404);
    await request(api.http)
      .post('/meetings/oslo-sv-am-2026/amendments/import')
      .send({ content: '' })
      .expect(400);
  });

  it('files a list that cites measures and chapters instead of lines', async () => {
    await request(api.http)
      .post('/meetings')
      .send({
        id: 'oslo-sv-am-2026-tiltak',
        organisationId: 'oslo-sv',
        body: 'ÅM',
        date: '2026-03-15',
        planId: 'oslo-sv-2024-2027',
      })
      .expect(201);
    const list = [
      'Forslag 1',
      'Plass: Tiltak 4.2.B',
      'Type forslag: Stryking',
      'Forslag: Stryke «særskilt»',
      '',
      'Forslag 2',
      'Plass: Tiltak 4.2.2',
      'Type forslag: Endring',
      'Forslag: Stryke: «særskilt» Erstatte med: «spesielt»',
      '',
      'Forslag 3',
      'Plass: Kapittel 4.2',
      'Type forslag: Tillegg',
      'Forslag: Nytt tiltak: «Ringe alle nye medlemmer innen en uke»',
      '',
      'Forslag 4',
      'Plass: Tiltak 4.2.Z',
      'Type forslag: Stryking',
      'Forslag: Stryke hele tiltaket',
      '',
    ].join('\n');
    const response = await request(api.http)
      .post('/meetings/oslo-sv-am-2026-tiltak/amendments/import')
      .set('Content-Type', 'text/plain')
      .send(list)
      .expect(201);
    expect(response.body.filed).toEqual([1, 2, 3]);
    expect(response.body.unresolved).toEqual([
      expect.objectContaining({ no: 4, message: 'Tiltak 4.2.Z finnes ikke i planen' }),
    ]);
    const meeting = (await request(api.http).get('/meetings/oslo-sv-am-2026-tiltak').expect(200)).body;
    // "4.2.2" is measure 4.2.B: the number a document that numbers its measures gives it.
    const filed = meeting.targets
      .flatMap((t: any) => t.amendments)
      .map((a: any) => [a.no, a.op, a.target.kind, a.target.address])
      .sort((a: any[], b: any[]) => a[0] - b[0]);
    expect(filed).toEqual([
      [1, 'strike_text', 'measure', '4.2.B'],
      [2, 'replace_text', 'measure', '4.2.B'],
      [3, 'add_measure', 'section', '4.2'],
    ]);
  });

  describe('a list copied from a web page (glued labels, "1.", Innstilling in Norwegian)', () => {
    beforeAll(async () => {
      await request(api.http)
        .post('/meetings')
        .send({
          id: 'oslo-sv-rs-2026',
          organisationId: 'oslo-sv',
          body: 'RS',
          date: '2026-03-20',
          planId: 'oslo-sv-2024-2027',
        })
        .expect(201);
    });

    it('files what it resolves with the committee’s recommendations, and names every other entry with why', async () => {
      const response = await request(api.http)
        .post('/meetings/oslo-sv-rs-2026/amendments/import')
        .set('Content-Type', 'text/plain')
        .send(WEB_LIST);
      expect(response.status).toBe(201);
      expect(response.body.filed).toEqual([1, 2, 3, 4]);
      expect(response.body.recommended).toEqual([1, 2, 3, 4]);
      expect(response.body.unresolved).toEqual([
        { no: 5, message: 'Linje 400 er utenfor sakspapirene, som har linje 27–207' },
        {
          no: 6,
          message:
            '«denne teksten står ikke der» står ikke i noe tiltak eller mål på linje 93 (mål 3.1.g6 (linje 93–94))',
        },
      ]);
      const meeting = (await request(api.http).get('/meetings/oslo-sv-rs-2026').expect(200)).body;
      const byNo = new Map<number, any>(
        meeting.targets.flatMap((t: any) => t.amendments).map((a: any) => [a.no, a]),
      );
      expect(byNo.get(1)).toMatchObject({
        proposer: 'Kari Nordmann, Sagene SV',
        recommendation: { recommendation: 'adopt' },
      });
      // The whole paragraph on line 95 is replaced: the goal's whole text is what it strikes.
      expect(byNo.get(2)).toMatchObject({
        op: 'replace_text',
        fields: {
          from: 'Oslo SV skal være en ansvarlig organisasjon som tar et helhetlig bærekraftsansvar.',
          to: 'Oslo SV skal være en ansvarlig organisasjon som tar et helhetlig klima- og miljøansvar.',
        },
        recommendation: {
          recommendation: 'adopt_modified',
          modified: { to: expect.stringContaining('klima-, miljø- og bærekraftsansvar') },
        },
      });
      expect(byNo.get(3)).toMatchObject({ recommendation: { recommendation: 'refer' } });
      expect(byNo.get(4)).toMatchObject({ recommendation: { recommendation: 'reject' } });
    });

    it('refuses a list from which nothing could be filed (422), with every entry and why', async () => {
      const before = await countEvents(api.database);
      const nothing = await request(api.http)
        .post('/meetings/oslo-sv-rs-2026/amendments/import')
        .set('Content-Type', 'text/plain')
        .send(
          '1.\nForslagsstillerStovner SV\nPlassLinje 400\nType forslagStryking\nForslagStryke hele punktet.\n',
        )
        .expect(422);
      expect(nothing.body).toMatchObject({ error: 'NOTHING_FILED', filed: [] });
      expect(nothing.body.unresolved).toEqual([expect.objectContaining({ no: 1 })]);
      const noEntries = await request(api.http)
        .post('/meetings/oslo-sv-rs-2026/amendments/import')
        .set('Content-Type', 'text/plain')
        .send('Her er våre forslag: stryk alt om dørbanking.\n')
        .expect(422);
      expect(noEntries.body.unresolved[0].message).toMatch(/fant ingen forslag/);
      expect(await countEvents(api.database)).toBe(before);
    });

    it('refuses a list or a protocol naming another organisation or plan than the meeting’s, filing nothing', async () => {
      const before = await countEvents(api.database);
      const other = await request(api.http)
        .post('/meetings/oslo-sv-rs-2026/amendments/import')
        .set('Content-Type', 'text/plain')
        .send(WEB_LIST.replace('Organisasjon: Oslo SV', 'Organisasjon: Bergen SV').replace(/^1\.$/m, '11.'))
        .expect(400);
      expect(other.body.error).toBe('LIST_FOR_ANOTHER_MEETING');
      expect(other.body.message).toMatch(/linje 2: listen er for «Bergen SV», møtet for .*\(oslo-sv\)/);
      const otherPlan = await request(api.http)
        .post('/meetings/oslo-sv-rs-2026/amendments/import')
        .set('Content-Type', 'text/plain')
        .send(`Plan: oslo-sv-2028-2031\n${WEB_LIST}`)
        .expect(400);
      expect(otherPlan.body.message).toMatch(/listen gjelder planen «oslo-sv-2028-2031»/);
      const protocol = await request(api.http)
        .post('/meetings/replay')
        .send({
          meeting: {
            id: 'oslo-sv-rs-2026',
            org: 'oslo-sv',
            body: 'RS',
            date: '2026-03-20',
            plan: 'en-annen-plan',
          },
          amendments: [],
          votes: [],
        });
      expect(protocol.status).toBeGreaterThanOrEqual(400);
      expect(protocol.status).toBeLessThan(500);
      expect(await countEvents(api.database)).toBe(before);
    });
  });
});
