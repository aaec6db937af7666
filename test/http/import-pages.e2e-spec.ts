/**
 * The import pages as a plan editor uses them: upload a Word plan, see every line of the source
 * beside what it became, correct it (a measure that is a goal, an Ansvar, a timing, a section),
 * import it as corrected, and find the corrections applied again when the same file comes back;
 * a file with no plan in it answered in Norwegian with what was looked for and what to do next.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signedInAgent } from '../support/page-session.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { wordPlan } from '../support/word-plan.js';

const PASSWORD = 'Et-langt-passord-2026';
const FILE = 'sagene-auf-handlingsplan-2027.docx';
const PLAN = 'sagene-auf-2027';

describe('the import pages', () => {
  let api: TestApi;
  let word: Buffer;
  let sourceLines: string[];

  beforeAll(async () => {
    api = await startTestApi();
    word = await wordPlan();
    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const editor = await access.registerUser(envelope(), { username: 'redaktor', password: PASSWORD });
    await access.grantRole(envelope(), editor.userId, 'sagene-auf', 'plan_editor');
    await access.registerUser(envelope(), { username: 'leser', password: PASSWORD });
    const dry = await request(api.http)
      .post('/imports')
      .attach('file', word, FILE)
      .field('dryRun', 'true')
      .field('org', 'sagene-auf')
      .expect(200);
    sourceLines = dry.body.sourceLines;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** A page's text with runs of white space as one space (templates break lines where they like). */
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  const lineOf = (text: string) => sourceLines.findIndex((l) => l.includes(text)) + 1;

  const signedIn = (username: string) => signedInAgent(api.anonymous, username, PASSWORD, '/import');

  /** The file uploaded for review from the import page's form. */
  const uploadForReview = (agent: Awaited<ReturnType<typeof signedIn>>['agent'], csrf: string) =>
    agent
      .post('/import/gjennomgang')
      .field('_csrf', csrf)
      .field('org', 'sagene-auf')
      .attach('file', word, FILE);

  /** The review page, its white space flattened, of a plan written in Markdown for Sagene SV. */
  const reviewedText = async (
    agent: Awaited<ReturnType<typeof signedIn>>['agent'],
    csrf: string,
    plan: string,
    file: string,
  ): Promise<string> => {
    const review = await agent
      .post('/import/gjennomgang')
      .field('_csrf', csrf)
      .field('org', 'sagene-sv')
      .attach('file', Buffer.from(plan), file)
      .expect(200);
    return flat(review.text);
  };

  const hidden = (page: string, name: string): string =>
    /value="([^"]*)"/
      .exec(new RegExp(`<input type="hidden" name="${name}" value="[^"]*"`).exec(page)![0])![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');

  it('sends a visitor who is not signed in to sign in first', async () => {
    const page = await request(api.anonymous).get('/import').expect(303);
    expect(page.headers.location).toBe('/logg-inn?neste=%2Fimport');
  });

  it('shows the source beside what was found, takes corrections, imports, and keeps them for the same file', async () => {
    const { agent, page, csrf } = await signedIn('redaktor');
    expect(page).toContain('enctype="multipart/form-data"');
    // A plan editor finds the import page from every page's header.
    expect(flat((await agent.get('/').expect(200)).text)).toContain(
      '<a class="account-link" href="/import">Importer en plan</a>',
    );

    const review = await uploadForReview(agent, csrf).expect(200);
    expect(flat(review.text)).toContain('<h1>Gjennomgang før import</h1>');
    expect(flat(review.text)).toContain('2 kapitler, 1 mål og 6 tiltak');
    const summer = lineOf('Arrangere sommerleir');
    const paper = lineOf('Lage en egen ungdomsavis');
    // The source line, beside what it became, with its correction.
    expect(flat(review.text)).toMatch(
      new RegExp(
        `id="linje-${summer}">[\\s\\S]*?Arrangere sommerleir for medlemmene i juli 2027 \\(Ansvar: styret\\)[\\s\\S]*?tiltak</span ?> <code>1.B</code>`,
      ),
    );
    expect(flat(review.text)).toContain(`name="kind.${summer}"`);
    expect(flat(review.text)).toContain(`name="ansvar.${paper}" value="Informasjonsansvarlig"`);
    expect(flat(review.text)).toContain('formaction="/import/lagre"');
    // The parties named as responsible are offered to be declared bodies.
    expect(flat(review.text)).toContain(
      `<input type="hidden" name="party.${summer}.0" value="Styret" form="review" />`,
    );

    const fileBase64 = hidden(flat(review.text), 'fileBase64');
    const corrected = await agent
      .post('/import/gjennomgang')
      .field('_csrf', csrf)
      .field('org', 'sagene-auf')
      .field('sourceName', FILE)
      .field('fileBase64', fileBase64)
      .field('corrections', hidden(flat(review.text), 'corrections'))
      .field(`kind.${summer}`, 'goal')
      .field(`ansvar.${paper}`, 'Informasjonsansvarlig, skolelaget')
      .field(`timing.${paper}`, 'Juni 2027')
      // Styret, named as responsible, declared a body of the plan.
      .field(`party.${summer}.0`, 'Styret')
      .field(`body.${summer}.0`, 'ST')
      .expect(200);
    expect(flat(corrected.text)).toContain('2 kapitler, 2 mål og 5 tiltak');
    expect(flat(corrected.text)).toContain('3 rettelser er tatt med');
    expect(flat(corrected.text)).toContain(
      `name="ansvar.${paper}" value="Informasjonsansvarlig, Skolelaget"`,
    );
    const corrections = JSON.parse(hidden(flat(corrected.text), 'corrections'));
    expect(corrections).toEqual([
      { line: summer, kind: 'goal' },
      { line: paper, timing: 'Juni 2027', responsible: 'Informasjonsansvarlig, skolelaget' },
      { line: summer, declareBody: { party: 'Styret', code: 'ST' } },
    ]);

    const saved = await agent
      .post('/import/lagre')
      .field('_csrf', csrf)
      .field('org', 'sagene-auf')
      .field('sourceName', FILE)
      .field('fileBase64', fileBase64)
      .field('corrections', JSON.stringify(corrections))
      .expect(303);
    expect(saved.headers.location).toBe(`/plan/${PLAN}`);
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body;
    expect(plan.sections[0].goals.map((g: any) => g.text)).toContain(
      'Arrangere sommerleir for medlemmene i juli 2027',
    );
    expect(plan.sections[1].measures[2]).toMatchObject({
      timing: 'Juni 2027',
      parties: ['Informasjonsansvarlig', 'Skolelaget'],
    });
    expect(plan.bodies).toContainEqual(expect.objectContaining({ code: 'ST', name: 'Styret' }));
    expect(plan.sections[1].measures[0]).toMatchObject({ responsible: ['ST'], parties: [] });
    const planPage = await agent.get(`/plan/${PLAN}`).expect(200);
    expect(flat(planPage.text)).toContain('Skolelaget');
    // A plan of one year is shown as that year, and named by it.
    expect(flat(planPage.text)).toMatch(/Periode<\/dt> ?<dd>2027<\/dd>/);

    // The same file uploaded again: the corrections kept with the import are applied.
    const again = await uploadForReview(agent, csrf).expect(200);
    expect(flat(again.text)).toContain('3 rettelser fra forrige import av samme fil er brukt');
    expect(flat(again.text)).toContain('2 kapitler, 2 mål og 5 tiltak');
  });

  it('lets a reader without the role review, but not import', async () => {
    const { agent, csrf } = await signedIn('leser');
    // The front page (the overview it leads to, once an import has registered an organisation).
    expect((await agent.get('/').redirects(1).expect(200)).text).not.toContain('href="/import"');
    const review = await uploadForReview(agent, csrf).expect(200);
    expect(flat(review.text)).not.toContain('formaction="/import/lagre"');
    expect(flat(review.text)).toContain('krever rollen planredaktør i sagene-auf');
    const refused = await agent
      .post('/import/lagre')
      .field('_csrf', csrf)
      .field('org', 'sagene-auf')
      .field('id', 'sagene-auf-kopi')
      .field('fileBase64', hidden(flat(review.text), 'fileBase64'))
      .expect(403);
    expect(flat(refused.text)).toContain('Du har ikke tilgang til dette');
  });

  it("shows the reader's warnings, and why a line was left out, in Norwegian", async () => {
    const { agent, csrf } = await signedIn('redaktor');
    const plan = [
      '# Handlingsplan for Sagene SV 2027',
      '',
      '## 1. Medlemmer',
      '',
      'Tiltak:',
      '',
      '- Ringe alle nye medlemmer innen en uke (Ansvar: styret)',
      '- Holde ~~todagers~~ seminar om partiets historie høsten 2027 (Ansvar: styret)',
      '',
      '| Tiltak | Frist | Ansvar | Status |',
      '| --- | --- | --- | --- |',
      '| Stå på stand hver lørdag | Våren 2027 | Styret | Påbegynt |',
      '|  | Mai 2027 | Styret |  |',
      '',
    ].join('\n');
    const page = await reviewedText(agent, csrf, plan, 'sagene-sv-2027.md');
    expect(page).toContain('2 merknader fra innlesingen</summary>');
    expect(page).toContain(
      'Linje 8: overstrøket tekst utelatt fra den gjeldende planen: «Holde ~~todagers~~ seminar om partiets historie høsten 2027 (Ansvar: styret)»',
    );
    expect(page).toContain(
      'Linje 10: kolonnen «Status» i tabellen i kapittel 1 er oppfølging, ikke plantekst, og ble utelatt',
    );
    // The table row with nothing in its measure column: left out, and why, beside the line.
    expect(page).toMatch(
      /id="linje-13">[\s\S]*?utelatt<\/span ?><br \/><span class="hint">en tabellrad uten tekst i tiltakskolonnen<\/span>/,
    );
    expect(page).not.toContain('lang="en"');
    expect(page).not.toMatch(/på engelsk|left out|not read|struck text/);
  });

  it("shows a table row that holds a goal and a measure as both, the measure's details too", async () => {
    const { agent, csrf } = await signedIn('redaktor');
    const plan = [
      '# Handlingsplan for Sagene SV 2029',
      '',
      '## Medlemmer',
      '',
      '| Mål | Tiltak | Ansvarlig | Frist |',
      '| --- | --- | --- | --- |',
      '| Flere aktive medlemmer | Ringe alle nye medlemmer innen en uke | Styret | Løpende |',
      '| | Arrangere medlemsmøte hver måned | Leder | Hver måned |',
      '',
    ].join('\n');
    const page = await reviewedText(agent, csrf, plan, 'sagene-sv-2029.md');
    expect(page).toContain('1 mål og 2 tiltak');
    expect(page).toMatch(
      /id="linje-7">[^]*?found-kind">mål<\/span ?> <code>1\.g1<\/code>[^]*?Flere aktive medlemmer[^]*?found-kind">tiltak<\/span ?> <code>1\.A<\/code>[^]*?Ringe alle nye medlemmer innen en uke[^]*?Tid: Løpende · Ansvar: Styret[^]*?id="linje-8"/,
    );
  });

  it('shows a "Mål:" line as the goal it became, and counts one remark as one', async () => {
    const { agent, csrf } = await signedIn('redaktor');
    const plan = [
      '# Handlingsplan for Sagene SV 2028',
      '',
      'Forkortelser: ST = styret, LL = lokallagene',
      '',
      '## Kapittel 1: Medlemmer',
      '',
      'Mål: 300 medlemmer innen utgangen av 2028.',
      '',
      '| Nr. | Tiltak | Ansvar | Frist |',
      '| --- | --- | --- | --- |',
      '| 1.1 | Ringe alle nye medlemmer innen en uke | ST | Løpende |',
      '',
    ].join('\n');
    const page = await reviewedText(agent, csrf, plan, 'sagene-sv-2028.md');
    expect(page).toContain('1 merknad fra innlesingen</summary>');
    expect(page).toContain('så 1.1 er tiltak 1.A');
    expect(page).toMatch(/id="linje-7">[^]*?found-kind">mål<\/span ?> <code>1\.g1<\/code>/);
    expect(page).toMatch(
      /id="linje-5">[^]*?Kapittel 1: Medlemmer[^]*?found-kind">overskrift<\/span ?> <code>1<\/code>/,
    );
    expect(page).toContain('Ansvar: ST');
  });

  it('answers a file with no plan in Norwegian: what it looked for, and what to do next', async () => {
    const { agent, csrf } = await signedIn('redaktor');
    const letter = Buffer.from('Hei alle sammen!\n\nVelkommen til julebord fredag.\nHilsen styret\n');
    const refused = await agent
      .post('/import/gjennomgang')
      .field('_csrf', csrf)
      .attach('file', letter, 'julebord.txt')
      .expect(422);
    expect(flat(refused.text)).toContain('Fant ingen plan i «julebord.txt»');
    expect(flat(refused.text)).toContain('Dette så vi etter');
    expect(flat(refused.text)).toContain('overskrifter, med stil eller nummer (1., 1.1, I., A)');
    expect(flat(refused.text)).toContain('<a href="#plandokument">beskrivelsen av plandokumentet</a>');
    expect(flat(refused.text)).toContain('id="plandokument"');
    expect(flat(refused.text)).not.toMatch(/lettered-tables|goal-subgoal/);
  });
});
