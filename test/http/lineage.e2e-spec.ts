import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { countEvents, startTestApi, type TestApi } from '../support/test-api.js';

const seed = (name: string): string =>
  readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const OLD = 'oslo-sv-2020-2023';
const NEW = 'oslo-sv-2024-2027';

interface Ref {
  id: string;
  address: string;
  text: string;
}
interface Link {
  kind: string;
  score: number;
  confirmed: boolean;
  from: Ref[];
  to: Ref[];
}

/** Lineage from Oslo SV's 2020-2023 plan to its 2024-2027 plan (2026 edition), both imported from their texts. */
describe('lineage and the audit report, Oslo SV 2020 -> 2026', () => {
  let api: TestApi;
  const lineage = async (): Promise<Link[]> =>
    (await request(api.http).get(`/plans/${NEW}/lineage`).expect(200)).body.measures;
  const linkFrom = (links: Link[], pattern: RegExp) =>
    links.find((l) => l.from.some((f) => pattern.test(f.text)));

  beforeAll(async () => {
    api = await startTestApi();
    await request(api.http)
      .post('/imports')
      .send({ content: seed('000_dd41b133aa3befbc.txt') })
      .expect(201);
    await request(api.http)
      .post('/imports')
      .send({ content: seed('001_23325c842a46d39f.txt') })
      .expect(201);
    await request(api.http).post(`/plans/${NEW}/links`).send({ predecessorPlanId: OLD }).expect(200);
  });
  afterAll(async () => {
    await api.close();
  });

  it('suggests that the Ny i SV meetings continue, reworded from four times a year to two', async () => {
    const link = linkFrom(await lineage(), /Ny i SV-møter minst 4 ganger i året/);
    expect(link).toMatchObject({
      kind: 'reworded',
      confirmed: false,
      to: [expect.objectContaining({ address: '4.2.J' })],
    });
    expect(link!.to[0]!.text).toMatch(/to ganger i året/);
  });

  it('reports the summer party as dropped and door-knocking as new', async () => {
    const links = await lineage();
    expect(linkFrom(links, /sommerfest/)).toMatchObject({ kind: 'dropped', to: [] });
    const doors = links.find((l) => l.to.some((t) => t.address === '4.1.A'));
    expect(doors).toMatchObject({ kind: 'new', from: [] });
  });

  it('lets a person reject a suggestion and confirm a correction, which then wins', async () => {
    const before = await lineage();
    const ny = linkFrom(before, /Ny i SV-møter minst 4 ganger i året/)!;
    const doors = before.find((l) => l.to.some((t) => t.address === '4.1.A'))!;
    const body = { fromPlanId: OLD, from: ny.from.map((f) => f.id), to: ny.to.map((t) => t.id) };
    await request(api.http).post(`/plans/${NEW}/lineage/reject`).send(body).expect(200);
    const afterReject = await lineage();
    expect(linkFrom(afterReject, /Ny i SV-møter minst 4 ganger i året/)).toMatchObject({ kind: 'dropped' });

    await request(api.http)
      .post(`/plans/${NEW}/lineage/confirm`)
      .send({
        fromPlanId: OLD,
        from: ny.from.map((f) => f.id),
        to: doors.to.map((t) => t.id),
        kind: 'reworded',
        note: 'Test',
      })
      .expect(200);
    const afterConfirm = await lineage();
    expect(linkFrom(afterConfirm, /Ny i SV-møter minst 4 ganger i året/)).toMatchObject({
      kind: 'reworded',
      confirmed: true,
      to: [expect.objectContaining({ address: '4.1.A' })],
    });
    expect(afterConfirm.find((l) => l.to.some((t) => t.address === '4.2.J'))).toMatchObject({ kind: 'new' });
  });

  it('refuses links to elements that are not in the plans, and a merge of one, appending nothing', async () => {
    const before = await countEvents(api.database);
    const links = await lineage();
    const some = links.find((l) => l.from.length === 1 && l.to.length === 1)!;
    const unknown = '0b0e6a52-4a55-4f63-9a6b-3c1f6c1d9e01';
    await request(api.http)
      .post(`/plans/${NEW}/lineage/confirm`)
      .send({ fromPlanId: OLD, from: [unknown], to: some.to.map((t) => t.id), kind: 'reworded' })
      .expect(404);
    await request(api.http)
      .post(`/plans/${NEW}/lineage/confirm`)
      .send({
        fromPlanId: OLD,
        from: some.from.map((f) => f.id),
        to: some.to.map((t) => t.id),
        kind: 'merged',
      })
      .expect(400);
    await request(api.http)
      .post(`/plans/${NEW}/lineage/confirm`)
      .send({
        fromPlanId: 'sv-2022-2025',
        from: some.from.map((f) => f.id),
        to: some.to.map((t) => t.id),
        kind: 'reworded',
      })
      // No such plan here: not found, as a predecessor or parent that is not there.
      .expect(404);
    expect(await countEvents(api.database)).toBe(before);
  });

  it('writes the audit report, with the membership target then and the figures now', async () => {
    const md = (await request(api.http).get(`/plans/${NEW}/audit?format=md`).expect(200)).text;
    expect(md).toMatch(
      /^# Revisjon: fra Oslo SVs Arbeidsplan 2020-2023 til Oslo SVs arbeids- og organisasjonsplan 2024-2027/,
    );
    expect(md).toMatch(/## 4\.1 Direkte velgerkontakt/);
    expect(md).toMatch(/## Ikke videreført fra Oslo SVs Arbeidsplan 2020-2023/);
    expect(md).toMatch(/### Medlemmer/);
    expect(md).toMatch(/Mål i Oslo SVs Arbeidsplan 2020-2023: 4\s?000 medlemmer innen 31\.12\.2023/);
    expect(md).toMatch(/Målt 31\.12\.2019: 2\s?993/);
    expect(md).toMatch(/Målt 31\.12\.2025: 3\s?394/);

    const html = await request(api.http).get(`/plans/${NEW}/audit`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(/<html lang="nb">/);
    expect(html.text).toMatch(/<del>|<ins>/);
  });

  it('answers 404 for a plan without a predecessor or an unknown plan', async () => {
    const noPredecessor = await request(api.http).get(`/plans/${OLD}/lineage`).expect(404);
    expect(noPredecessor.body.message).toMatch(/no predecessor/);
    await request(api.http).get('/plans/no-such-plan/lineage').expect(404);
  });
});
