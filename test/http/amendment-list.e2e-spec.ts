import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const seed = readFileSync(new URL('../../../shared/seeds/001_23325c842a46d39f.txt', import.meta.url), 'utf8');

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
      expect.objectContaining({ no: 4, line: 22, message: expect.stringMatching(/no "Plass:"/) }),
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
});
