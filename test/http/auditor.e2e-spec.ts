/**
 * What an auditor and a board member read on the demo (the five seed plans and the invented
 * annual meeting of 2026), over HTTP: goal targets against the plan in force, stable addresses,
 * the audit views and their words, the changes page, history, and no raw ids or English.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const NEW = 'oslo-sv-2024-2027';
const OLD = 'oslo-sv-2020-2023';

interface SectionJson {
  number: string;
  goals: Array<{ id: string; address: string; text: string; target: unknown }>;
  measures: Array<{ id: string; address: string; text: string }>;
  sections: SectionJson[];
}
const sectionsOf = (sections: SectionJson[]): SectionJson[] =>
  sections.flatMap((s) => [s, ...sectionsOf(s.sections)]);

/** The visible text of a page: tags out, whitespace folded, so sentences can be matched. */
const text = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('the auditor and the board on the demo', () => {
  let api: TestApi;
  const page = async (path: string): Promise<string> =>
    text((await request(api.http).get(path).expect(200)).text);

  /** A user with one role in Oslo SV, signed in to the pages: an agent with its session. */
  async function signedIn(username: string, role: string): Promise<ReturnType<typeof request.agent>> {
    const password = `${username}-et-langt-passord`;
    const created = await request(api.http).post('/users').send({ username, password }).expect(201);
    await request(api.http)
      .post('/organisations/oslo-sv/roles')
      .send({ userId: created.body.userId, role })
      .expect(200);
    const agent = request.agent(api.anonymous);
    const form = await agent.get('/logg-inn').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    await agent
      .post('/logg-inn')
      .type('form')
      .send({ brukernavn: username, passord: password, _csrf: csrf })
      .expect(303);
    return agent;
  }

  /** The CSRF token a page carries: in its forms, or for htmx on its body. */
  const csrfOf = (html: string): string =>
    (/name="_csrf" value="([^"]+)"/.exec(html) ?? /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(html))![1]!;

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('goal targets', () => {
    it('reads the target of the goal the annual meeting added from its text: 4000 members by 31.12.2027', async () => {
      const plan = (await request(api.http).get(`/plans/${NEW}`).expect(200)).body;
      const goals = sectionsOf(plan.sections).flatMap((s) => s.goals);
      const added = goals.find((g) => /innen utgangen av 2027/.test(g.text));
      expect(added!.target).toEqual({ metric: 'members', value: 4000, by: '2027-12-31' });
    });

    it('measures the members on the overview against the plan in force, not the expired 2023 target', async () => {
      const overview = await page('/org/oslo-sv');
      expect(overview).toMatch(
        /Medlemmer per 31\.12\.2025 mot målet 4 000 medlemmer innen 31\.12\.2027: 3 394 av 4 000 \(85 %\)/,
      );
      expect(overview).not.toMatch(/innen 31\.12\.2023: 3 394/);
    });

    it('shows the 2020-2023 targets as expired on the indicators page, and the 2027 one as what is left', async () => {
      const indicators = await page(`/plan/${NEW}/mal`);
      expect(indicators).toMatch(/Mål \([\d.]+g\d+\), utløpt ?: Oslo SV skal ha 4000 medlemmer i 2023/);
      expect(indicators).toMatch(
        /Mål \(3\.1\.g\d+, vedtatt av Oslo SVs årsmøte 2026 \(eksempel\), endringsforslag 9\): Oslo SV skal ha 4000 medlemmer innen utgangen av 2027\. – gjenstår 606/,
      );
      expect(indicators).toMatch(/mot målet 4 000 medlemmer innen 31\.12\.2027: 3 394 av 4 000/);
    });

    it('says of the old plan that its last target expired instead of measuring against it', async () => {
      const indicators = await page(`/plan/${OLD}/mal`);
      expect(indicators).toMatch(
        /Ingen gjeldende mål: det siste \(4 000 medlemmer innen 31\.12\.2023 \(utløpt\)/,
      );
      expect(indicators).not.toMatch(/av 4 000 \(\d+ %\)/);
    });
  });

  describe('addresses', () => {
    it('gives the measure the annual meeting added to 4.1 a letter of its own, not 4.1.D of the one it struck', async () => {
      const plan = (await request(api.http).get(`/plans/${NEW}`).expect(200)).body;
      const s41 = sectionsOf(plan.sections).find((s) => s.number === '4.1')!;
      const added = s41.measures.find((m) => /dørbankaksjon i hver bydel/.test(m.text));
      expect(added!.address).toBe('4.1.I');
      expect(s41.measures.map((m) => m.address)).not.toContain('4.1.D');
    });
  });

  describe('the audit views', () => {
    it('links the audit report, the follow-up report and the meeting’s redline (page and Word) from the plan’s pages', async () => {
      for (const path of [`/plan/${NEW}`, '/org/oslo-sv', `/plan/${NEW}/revisjon`]) {
        const html = (await request(api.http).get(path).expect(200)).text;
        expect(html).toContain(`href="/plans/${NEW}/audit"`);
        expect(html).toMatch(
          new RegExp(`href="/plans/${NEW}/report\\?from=2026-03-14&amp;to=\\d{4}-\\d{2}-\\d{2}"`),
        );
        expect(html).toContain(`href="/plans/${NEW}/redline?meeting=oslo-sv-am-2026"`);
        expect(html).toContain(`href="/plans/${NEW}/redline?meeting=oslo-sv-am-2026&amp;format=docx"`);
      }
      const links = (await request(api.http).get(`/plan/${NEW}`).expect(200)).text;
      for (const [, href] of links.matchAll(/href="(\/plans\/[^"]+)"/g)) {
        const answer = await request(api.http).get(href!.replace(/&amp;/g, '&')).expect(200);
        expect(answer.headers['content-type']).toMatch(/text\/html|text\/markdown|wordprocessingml/);
      }
    });

    it('compares goals next to measures, with one count per outcome that the audit report repeats', async () => {
      const lineagePage = (await request(api.http).get(`/plan/${NEW}/revisjon`).expect(200)).text;
      const countsOf = (table: string) => {
        const block = new RegExp(`data-lineage="${table}"[\\s\\S]*?</table>`).exec(lineagePage)![0];
        return Object.fromEntries(
          [...block.matchAll(/data-lineage-count="(\w+)">\s*(\d+)/g)].map((m) => [m[1], Number(m[2])]),
        );
      };
      const measures = countsOf('tiltak');
      const goals = countsOf('mal');
      expect(Object.keys(measures)).toEqual(['unchanged', 'reworded', 'merged', 'split', 'new', 'dropped']);
      expect(goals.reworded + goals.unchanged + goals.merged).toBeGreaterThan(0);
      expect(text(lineagePage)).toMatch(/Videreført uendret \(1\) 2\.2\.g4 → 3\.2\.g4/);
      // The plan now also has the goal the annual meeting added, continuing the 2023 members goal.
      const now = text((await request(api.http).get(`/plan/${NEW}/revisjon?versjon=na`).expect(200)).text);
      expect(now).toMatch(/2\.2\.g5 → 3\.1\.g8 .*Oslo SV skal ha 4000 medlemmer innen utgangen av 2027/);

      const report = (await request(api.http).get(`/plans/${NEW}/audit?format=md`).expect(200)).text;
      const row = (label: string, first: string) =>
        Number(
          new RegExp(`\\| ${label} \\| (\\d+) \\|`).exec(report.slice(report.indexOf(`| ${first} |`)))![1],
        );
      expect(row('Videreført med ny tekst', 'Tiltak')).toBe(measures.reworded);
      expect(row('Slått sammen', 'Tiltak')).toBe(measures.merged);
      expect(row('Delt opp', 'Tiltak')).toBe(measures.split);
      expect(row('Nytt', 'Tiltak')).toBe(measures.new);
      expect(row('Ikke videreført', 'Tiltak')).toBe(measures.dropped);
      expect(row('Videreført med ny tekst', 'Mål')).toBe(goals.reworded);
    });

    it('suggests the measures folded into another: 3.7.E and 3.7.F into 5.7.A, 3.10.F into 4.2.E', async () => {
      const lineage = (await request(api.http).get(`/plans/${NEW}/lineage`).expect(200)).body;
      const addresses = (refs: Array<{ address: string }>) => refs.map((r) => r.address);
      const linkTo = (address: string) =>
        lineage.measures.find((l: any) => addresses(l.to).includes(address));
      expect(linkTo('5.7.A')).toMatchObject({ kind: 'merged' });
      expect(addresses(linkTo('5.7.A').from)).toEqual(['3.7.E', '3.7.F']);
      expect(addresses(linkTo('4.2.E').from)).toContain('3.10.F');
      const page = await request(api.http).get(`/plan/${NEW}/revisjon`).expect(200);
      expect(text(page.text)).toMatch(/3\.7\.E .*\+ 3\.7\.F .*→ 5\.7\.A/);
    });

    it('uses one word for each outcome on every page and report: never Utgått or Fjernet', async () => {
      for (const path of [
        `/plan/${NEW}/revisjon`,
        `/plans/${NEW}/audit`,
        `/plans/${NEW}/audit?format=md`,
        `/plans/${NEW}/diff?fromPlan=${OLD}&format=md`,
        `/plans/${NEW}/report?from=2026-01-01&to=2026-12-31&format=md`,
      ]) {
        const body = (await request(api.http).get(path).expect(200)).text;
        expect([path, body.match(/\b(Utgått|Fjernet|Nye i denne planen)\b/)?.[0]]).toEqual([path, undefined]);
      }
    });

    it('lets a plan editor confirm a suggested link from the page, and shows it confirmed with their name', async () => {
      const anonymous = (await request(api.anonymous).get(`/plan/${NEW}/revisjon`).expect(200)).text;
      expect(anonymous).not.toContain('/revisjon/bekreft');
      const editor = await signedIn('revisor-kari', 'plan_editor');
      const pageHtml = (await editor.get(`/plan/${NEW}/revisjon`).expect(200)).text;
      const form = /<form method="post" action="\/plan\/[^"]+\/revisjon\/bekreft"[\s\S]*?<\/form>/.exec(
        pageHtml,
      )![0];
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)![1]!;
      const posted = await editor
        .post(`/plan/${NEW}/revisjon/bekreft`)
        .type('form')
        .send({
          fromPlanId: field('fromPlanId'),
          from: field('from'),
          to: field('to'),
          kind: field('kind'),
          element: field('element'),
          commandId: field('commandId'),
          _csrf: csrfOf(pageHtml),
        })
        .expect(303);
      expect(posted.headers.location).toMatch(
        new RegExp(`^/plan/${NEW}/revisjon\\?bekreftet=tiltak#kobling-tiltak-`),
      );
      const lineage = (await request(api.http).get(`/plans/${NEW}/lineage`).expect(200)).body;
      const confirmed = lineage.measures.filter((l: any) => l.confirmed);
      expect(confirmed.map((l: any) => l.from.map((r: any) => r.id).join(','))).toEqual([field('from')]);
      const after = text((await editor.get(posted.headers.location!).expect(200)).text);
      expect(after).toMatch(/Koblingen er bekreftet\./);
      expect(after).toMatch(/Bekreftet av revisor-kari \d{2}\.\d{2}\.\d{4}/);
      expect(after).not.toMatch(/user:[0-9a-f]{8}-/);
    });

    it('refuses a confirmation without the CSRF token, from a secretary, and from someone signed out', async () => {
      const secretary = await signedIn('sekretaer-ola', 'secretary');
      const pageHtml = (await secretary.get(`/plan/${NEW}/revisjon`).expect(200)).text;
      expect(pageHtml).not.toContain('/revisjon/bekreft');
      const body = {
        fromPlanId: OLD,
        from: '00000000-0000-4000-8000-000000000000',
        to: '00000000-0000-4000-8000-000000000001',
        kind: 'reworded',
      };
      await secretary
        .post(`/plan/${NEW}/revisjon/bekreft`)
        .type('form')
        .send({ ...body, _csrf: csrfOf(pageHtml) })
        .expect(403);
      await request(api.anonymous)
        .post(`/plan/${NEW}/revisjon/bekreft`)
        .type('form')
        .send(body)
        .expect((r) => expect([401, 403]).toContain(r.status));
      const editor = await signedIn('revisor-per', 'plan_editor');
      await editor.post(`/plan/${NEW}/revisjon/avvis`).type('form').send(body).expect(403);
    });
  });

  describe('the plan as its document says (the demo’s meeting is an invented example)', () => {
    it('compares the 2020-2023 plan with the 2026 edition as written: 4.2.J "to ganger", not the meeting’s "fire"', async () => {
      const report = (await request(api.http).get(`/plans/${NEW}/audit?format=md`).expect(200)).text;
      expect(report).toMatch(/slik den ble vedtatt som revisjon 1 \(RS 27\.01\.2026\)/);
      expect(report).toMatch(/4\.2\.J ← 3\.3\.G: .*~~minst 4~~\*\*to\*\* ganger i året/);
      expect(report).not.toMatch(/\*\*fire\*\* ganger/);
      const page = text((await request(api.http).get(`/plan/${NEW}/revisjon`).expect(200)).text);
      expect(page).toMatch(/Sammenlignet med planen slik den ble vedtatt som revisjon 1 \(RS 27\.01\.2026/);
      const now = text((await request(api.http).get(`/plan/${NEW}/revisjon?versjon=na`).expect(200)).text);
      expect(now).toMatch(/Sammenlignet med planen slik den er nå/);
      const lineageNow = (await request(api.http).get(`/plans/${NEW}/lineage?revision=now`).expect(200)).body;
      expect(lineageNow.toRevision).toBeNull();
      await request(api.http).get(`/plans/${NEW}/lineage?revision=zero`).expect(400);
    });
  });

  describe('the changes page', () => {
    it('opens on the latest adopted change, each change with its amendment and meeting', async () => {
      const html = (await request(api.http).get(`/plan/${NEW}/endringer`).expect(200)).text;
      const page = text(html);
      expect(page).toMatch(/Fra revisjon 1 til revisjon 2/);
      expect(page).toMatch(/17 endringer:/);
      expect(page).not.toMatch(/Ingen endringer\.\s*:/);
      expect(page).toMatch(
        /Tiltak 4\.2\.J omformulert: .*fire ganger i året\. \(Oslo SVs årsmøte 2026 \(eksempel\), endringsforslag 1\)/,
      );
      expect(page).toMatch(
        /Tiltak 4\.1\.D strøket: .*\(Oslo SVs årsmøte 2026 \(eksempel\), endringsforslag 4\)/,
      );
      // Every change on the page names its cause.
      const items = [
        ...html.matchAll(/<li>(?:Nytt|Tiltak|Mål|Måltall|<ins>Nytt kapittel)[\s\S]*?<\/li>/g),
      ].map((m) => text(m[0]));
      expect(items.length).toBe(17);
      for (const item of items)
        expect(item).toMatch(/\(Oslo SVs årsmøte 2026 \(eksempel\), endringsforslag \d+\)/);
    });

    it('says "Ingen endringer." without a stray colon when nothing changed', async () => {
      const page = text((await request(api.http).get(`/plan/${NEW}/endringer?from=2`).expect(200)).text);
      expect(page).toMatch(/Ingen endringer\. Uendret:/);
    });
  });

  describe('history', () => {
    it('dates the 2026 edition from its own adoption: as it stood 01.06.2025 there is no such text', async () => {
      const page = await request(api.http).get(`/plan/${NEW}?asOf=2025-06-01`).expect(404);
      expect(text(page.text)).toMatch(
        /Planverk har ikke «Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2026» slik den sto 01\.06\.2025: den eldste teksten som er registrert, gjelder fra 27\.01\.2026\./,
      );
      await request(api.http).get(`/plan/${NEW}?asOf=2026-02-01`).expect(200);
    });

    it('names the cause of an imported measure in words, and never its file', async () => {
      const plan = (await request(api.http).get(`/plans/${NEW}`).expect(200)).body;
      const measure = sectionsOf(plan.sections).flatMap((s) => s.measures)[0]!;
      const page = text((await request(api.http).get(`/plan/${NEW}/tiltak/${measure.id}`).expect(200)).text);
      expect(page).toMatch(
        /Importert fra Oslo SVs arbeids- og organisasjonsplan 2024-2027, årsutgave for 2026/,
      );
      expect(page).not.toMatch(/\.txt\b/);
    });

    it('does not call the replaced 2020-2023 plan both replaced and not yet adopted', async () => {
      const page = text((await request(api.http).get(`/plan/${OLD}`).expect(200)).text);
      expect(page).toMatch(/Erstattet \(vedtaket er ikke registrert\)/);
      expect(page).not.toMatch(/ikke vedtatt ennå/);
      const overview = text((await request(api.http).get('/org/oslo-sv').expect(200)).text);
      expect(overview).not.toMatch(/ikke vedtatt ennå/);
    });

    it('names a struck measure by its address and reason, and lists the latest changes newest first', async () => {
      const plan = (await request(api.http).get(`/plans/${NEW}`).expect(200)).body;
      const struck = plan.struck.measures.find((m: { address: string }) => m.address === '4.1.D');
      const page = text((await request(api.http).get(`/plan/${NEW}/tiltak/${struck.id}`).expect(200)).text);
      expect(page).toMatch(/Tiltak 4\.1\.D strøket: Gjennomført vinteren 2025-26/);
      const overview = (await request(api.http).get('/org/oslo-sv').expect(200)).text;
      const latest = /<ol\s+class="history"[\s\S]*?<\/ol>/.exec(overview)![0];
      const dates = [...latest.matchAll(/datetime="(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]!);
      expect(dates.length).toBeGreaterThan(1);
      expect(dates).toEqual([...dates].sort().reverse());
    });
  });

  describe('raw ids and English', () => {
    it('names actors by their username in the history, never user:<uuid>', async () => {
      const plan = (await request(api.http).get(`/plans/${NEW}`).expect(200)).body;
      const measure = sectionsOf(plan.sections).flatMap((s) => s.measures)[1]!;
      await request(api.http)
        .post(`/plans/${NEW}/measures/${measure.id}/status`)
        .send({ status: 'in_progress', note: 'Godt i gang' })
        .expect(200);
      const page = text((await request(api.http).get(`/plan/${NEW}/tiltak/${measure.id}`).expect(200)).text);
      expect(page).toMatch(/til Pågår: «Godt i gang» test-admin/);
      const overview = text((await request(api.http).get('/org/oslo-sv').expect(200)).text);
      expect(overview).toMatch(/til Pågår: «Godt i gang» test-admin/);
      for (const body of [page, overview]) expect(body).not.toMatch(/user:[0-9a-f]{8}-/);
    });

    it('writes the indicators in Norwegian in the follow-up and audit reports', async () => {
      for (const path of [
        `/plans/${NEW}/report?from=2026-01-01&to=2026-12-31`,
        `/plans/${NEW}/report?from=2026-01-01&to=2026-12-31&format=md`,
        `/plans/${OLD}/report?from=2020-01-01&to=2023-12-31&format=md`,
        `/plans/${NEW}/audit`,
        `/plans/${NEW}/audit?format=md`,
      ]) {
        const body = (await request(api.http).get(path).expect(200)).text;
        expect([
          path,
          body.match(/\b(members|local_branches|members_increase_pct|undefined|null)\b/)?.[0],
        ]).toEqual([path, undefined]);
      }
    });

    it('says who else is responsible in words: "Medansvar (hovedansvar: FS)", not "Med (FS leder)"', async () => {
      const page = text((await request(api.http).get('/org/oslo-sv/ansvar?body=LL').expect(200)).text);
      expect(page).toMatch(/Medansvar \(hovedansvar: FS\)/);
      expect(page).not.toMatch(/leder\)/);
    });
  });
});
