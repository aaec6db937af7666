/**
 * An annual meeting run from the pages in a real browser (Debian's Chromium through
 * playwright-core), on the demo data: the meeting officer schedules it, files amendments (by a
 * part of the plan and structured), recommends, votes with counts (one lapses), and adopts the
 * plan, while the hall's screen, open in a second browser context, shows each step within a
 * second. The protocol it exports, replayed on a fresh copy of the demo, gives the same plan.
 * Every page is checked with axe-core and photographed at 1280 and 390 px in
 * test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { REPO_ROOT } from '../support/processes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (as root) and run them again.`,
  );
}
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PLAN = 'oslo-sv-2024-2027';
const MEETING = 'oslo-sv-rs-2027';
const OFFICER = { username: 'moteleder', password: 'Møteleder-passord-2027!' };
/** How long the hall's screen may take to show what the officer did. */
const WITHIN = 1_000;

interface PlanJson {
  adoptedRevision: number;
  sections: SectionJson[];
}
interface SectionJson {
  number: string;
  title: string;
  goals: Array<{ address: string; text: string }>;
  measures: Array<{ address: string; text: string; timing: string; responsible: string[] }>;
  sections: SectionJson[];
}

/** What a plan says (not its follow-up): to compare the plan adopted with the one the protocol replays to. */
function wording(plan: PlanJson): unknown {
  const section = (s: SectionJson): unknown => ({
    number: s.number,
    title: s.title,
    goals: s.goals.map((g) => [g.address, g.text]),
    measures: s.measures.map((m) => [m.address, m.text, m.timing, m.responsible]),
    sections: s.sections.map(section),
  });
  return { adoptedRevision: plan.adoptedRevision, sections: plan.sections.map(section) };
}

describe('an annual meeting run from the pages', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let officerContext: BrowserContext;
  let hallContext: BrowserContext;
  let audit: BrowserContext;
  let officer: Page;
  let hall: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const { userId } = await access.registerUser(envelope(), OFFICER);
    await access.grantRole(envelope(), userId, 'oslo-sv', 'meeting_officer');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
    hallContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nb-NO' });
    audit = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
      bypassCSP: true,
    });
    officer = await officerContext.newPage();
    hall = await hallContext.newPage();
    for (const p of [officer, hall]) {
      p.on('pageerror', (e) => problems.push(String(e)));
      p.on('console', (m) => {
        // A refused form is answered with 422 and swapped in on purpose; the browser logs that.
        if (m.type() === 'error' && !m.text().includes('status of 422')) problems.push(m.text());
      });
      p.on('request', (r) => {
        if (!r.url().startsWith(base)) problems.push(`foreign request ${r.url()}`);
      });
    }
    await signIn(officer);
    await signIn(await audit.newPage());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signIn(p: Page): Promise<void> {
    await p.goto(`${base}/logg-inn`);
    await p.getByLabel('Brukernavn').fill(OFFICER.username);
    await p.getByLabel('Passord').fill(OFFICER.password);
    await p.getByRole('button', { name: /Logg inn/ }).click();
    await p.waitForLoadState('load');
  }

  /** axe-core on the page (signed in as the officer, outside the CSP so axe can be injected), and screenshots at 1280 and 390 px. */
  async function auditAndPhotograph(path: string, name: string): Promise<void> {
    const p = await audit.newPage();
    for (const width of [1280, 390]) {
      await p.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await p.goto(base + path, { waitUntil: 'load' });
      await p.waitForTimeout(300);
      await p.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
      // Nothing wider than the screen on a phone.
      if (width === 390)
        expect(
          await p.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
                .documentElement.scrollWidth,
          ),
        ).toBeLessThanOrEqual(390);
    }
    await p.addScriptTag({ path: AXE });
    const violations = await p.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run: () => Promise<{ violations: any[]; passes: unknown[] }> } }
      ).axe;
      const result = await axe.run();
      if (result.passes.length === 0) return ['axe-core checked nothing'];
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
    });
    expect(violations).toEqual([]);
    await p.close();
  }

  /** The hall's screen shows `text` within a second of the officer's action. */
  async function hallShows(text: string): Promise<void> {
    const started = Date.now();
    await hall.locator('#skjerm-live', { hasText: text }).waitFor({ timeout: WITHIN });
    expect(Date.now() - started).toBeLessThanOrEqual(WITHIN + 100);
  }

  /** The officer files an amendment from the form on the meeting page. */
  async function file(fields: {
    del: string;
    type: string;
    values: Record<string, string>;
  }): Promise<string> {
    await officer.goto(`${base}/mote/${MEETING}`, { waitUntil: 'load' });
    await officer.locator('details.filing summary').click();
    const form = officer.locator('#forslagsskjema');
    await form.getByLabel('eller del av planen').selectOption(fields.del);
    await form.locator(`input[name="type"][value="${fields.type}"]`).check();
    for (const [label, value] of Object.entries(fields.values))
      await form.getByLabel(label, { exact: true }).fill(value);
    await Promise.all([
      officer.waitForResponse((r) => r.url().endsWith(`/mote/${MEETING}/forslag`)),
      form.getByRole('button', { name: 'Fremme forslaget' }).click(),
    ]);
    const flash = officer.locator('#forslagsskjema .flash');
    await flash.waitFor();
    return flash.innerText();
  }

  /** On the officer's page: the form of an amendment, filled and sent; the message it answers with. */
  async function onAmendment(
    no: number,
    legend: string,
    fill: (form: ReturnType<Page['locator']>) => Promise<void>,
  ) {
    if (!officer.url().endsWith(`/mote/${MEETING}/ledelse`))
      await officer.goto(`${base}/mote/${MEETING}/ledelse`, { waitUntil: 'load' });
    const form = officer.locator('form', { has: officer.locator('legend', { hasText: `${legend} ${no}` }) });
    await fill(form);
    await Promise.all([
      officer.waitForResponse((r) => r.url().includes(`/mote/${MEETING}/forslag/${no}/`)),
      form.getByRole('button').click(),
    ]);
    // One message at a time: by the form it concerns, or a result at the top of the officer's region.
    const flash = officer.locator('#ledelse .flash');
    await flash.waitFor();
    return flash.innerText();
  }

  it('schedules the meeting from the plan’s meetings page', async () => {
    await officer.goto(`${base}/plan/${PLAN}`, { waitUntil: 'load' });
    await officer.getByRole('link', { name: 'Møter og endringsforslag' }).first().click();
    await officer.waitForURL(`${base}/plan/${PLAN}/moter`);
    await officer.getByLabel('Organ', { exact: true }).selectOption('RS');
    await officer.getByLabel('Dato').fill('2027-01-27');
    await officer.getByLabel('Navn på møtet').fill('Representantskapet januar 2027');
    await officer.getByLabel(/Kortnavn i adressen/).fill(MEETING);
    await officer.getByRole('button', { name: 'Sett opp møtet' }).click();
    await officer.waitForURL(`${base}/mote/${MEETING}`);
    await expect(officer.locator('h1').innerText()).resolves.toBe('Representantskapet januar 2027');
    await hall.goto(`${base}/mote/${MEETING}/skjerm`, { waitUntil: 'load' });
    await expect(hall.locator('#skjerm-live').innerText()).resolves.toContain('Ingen endringsforslag');
    await auditAndPhotograph(`/plan/${PLAN}/moter`, 'mote-01-planens-moter');
  });

  it('files three amendments from the form: two to the same text, and a structured new measure', async () => {
    await expect(
      file({
        del: 'measure:4.2.J',
        type: 'endring',
        values: {
          'Tekst som strykes (sitert nøyaktig fra sakspapiret)': 'fire ganger i året',
          'Erstattes med': 'seks ganger i året',
          'Forslagsstiller (for eksempel «Sagene SV»)': 'Sagene SV',
        },
      }),
    ).resolves.toBe('Forslaget er fremmet som forslag 1.');
    await hallShows('Forslag 1: endring, Tiltak 4.2.J');
    await expect(
      file({
        del: 'measure:4.2.J',
        type: 'endring',
        values: {
          'Tekst som strykes (sitert nøyaktig fra sakspapiret)': 'fire ganger',
          'Erstattes med': 'tre ganger',
          'Forslagsstiller (for eksempel «Sagene SV»)': 'Frogner SV',
        },
      }),
    ).resolves.toBe('Forslaget er fremmet som forslag 2.');
    await expect(
      file({
        del: 'section:4.1',
        type: 'nytt-tiltak',
        values: {
          'Ny tekst': 'Vi skal stå på stand på Torggata hver lørdag.',
          Gjennomføring: 'Vår 2027',
          Ansvar: 'LL',
          Begrunnelse: 'Synlighet i sentrum.',
          'Forslagsstiller (for eksempel «Sagene SV»)': 'Grünerløkka SV',
        },
      }),
    ).resolves.toBe('Forslaget er fremmet som forslag 3.');
    // The suggested order: chapter 4.1 before 4.2; of the two to the same text, the longer quote first.
    await hallShows('Forslag 3: nytt tiltak, Kapittel 4.1');
    // On the papers: a click on a line number, then on a measure, says where; a quote that is not
    // in the measure is refused, with the reason in the form.
    await officer.goto(`${base}/mote/${MEETING}/sakspapir`, { waitUntil: 'load' });
    const firstLine = officer.locator('[data-cite="measure:4.2.J"] a.ln').first();
    const lineNo = await firstLine.innerText();
    await firstLine.click();
    await expect(officer.locator('#forslag-linjer').inputValue()).resolves.toBe(lineNo.replace(/\D/g, ''));
    await officer.locator('[data-cite="measure:4.2.J"] .lt').first().click();
    await expect(officer.locator('#forslag-del').inputValue()).resolves.toBe('measure:4.2.J');
    await expect(officer.locator('#forslag-linjer').inputValue()).resolves.toBe('');
    const form = officer.locator('#forslagsskjema');
    await form.locator('input[name="type"][value="stryking"]').check();
    await form
      .getByLabel('Tekst som strykes (sitert nøyaktig fra sakspapiret)', { exact: true })
      .fill('hver måned');
    await Promise.all([
      officer.waitForResponse((r) => r.url().endsWith(`/mote/${MEETING}/forslag`)),
      form.getByRole('button', { name: 'Fremme forslaget' }).click(),
    ]);
    await expect(officer.locator('#forslagsskjema .flash').innerText()).resolves.toContain(
      'Teksten forslaget siterer, står ikke der forslaget viser til.',
    );
    await auditAndPhotograph(`/mote/${MEETING}`, 'mote-02-motet');
    expect(problems).toEqual([]);
  });

  it('recommends, records the votes with counts (one lapses), and the hall follows each step', async () => {
    await expect(
      onAmendment(3, 'Innstilling til forslag', (f) => f.getByLabel('Vedta', { exact: true }).check()),
    ).resolves.toBe('Innstillingen til forslag 3 er lagret.');
    await hallShows('Innstilling: Vedta');
    await auditAndPhotograph(`/mote/${MEETING}/ledelse`, 'mote-03-ledelse');
    await auditAndPhotograph(`/mote/${MEETING}/skjerm`, 'mote-04-skjerm');

    await expect(
      onAmendment(3, 'Votering over forslag', async (f) => {
        await f.getByLabel('Vedtatt', { exact: true }).check();
        await f.getByLabel('For', { exact: true }).fill('80');
        await f.getByLabel('Mot', { exact: true }).fill('10');
        await f.getByLabel('Avholdende', { exact: true }).fill('2');
      }),
    ).resolves.toBe('Forslag 3: vedtatt (80 for, 10 mot, 2 avholdende).');
    await hallShows('Sist avgjort: forslag 3 – vedtatt (80 for, 10 mot, 2 avholdende)');
    await hallShows('Forslag 1: endring, Tiltak 4.2.J');

    await expect(
      onAmendment(1, 'Innstilling til forslag', (f) => f.getByLabel('Vedta', { exact: true }).check()),
    ).resolves.toBe('Innstillingen til forslag 1 er lagret.');
    await hallShows('Innstilling: Vedta');
    await expect(
      onAmendment(1, 'Votering over forslag', async (f) => {
        await f.getByLabel('Vedtatt', { exact: true }).check();
        await f.getByLabel('For', { exact: true }).fill('60');
        await f.getByLabel('Mot', { exact: true }).fill('30');
        await f.getByLabel('Avholdende', { exact: true }).fill('5');
      }),
    ).resolves.toMatch(/^Forslag 1: vedtatt \(60 for, 30 mot, 5 avholdende\)\. Forslag 2 bortfalt: \S/);
    // No. 2 quotes "fire ganger", which no. 1 has just replaced: it lapses at once, with the reason,
    // and the hall sees both decisions together.
    await hallShows('Sist avgjort: forslag 1 – vedtatt (60 for, 30 mot, 5 avholdende)');
    await hallShows('Forslag 2 – bortfalt');
    expect(await officer.getByText('Votering over forslag 2').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('adopts the plan as a whole, and the hall shows it', async () => {
    const form = officer.locator('form', {
      has: officer.locator('legend', { hasText: 'Planen som helhet' }),
    });
    await form.getByLabel('Vedtatt', { exact: true }).check();
    await form.getByLabel('For', { exact: true }).fill('100');
    await form.getByLabel('Mot', { exact: true }).fill('0');
    await form.getByLabel('Avholdende', { exact: true }).fill('3');
    await Promise.all([
      officer.waitForResponse((r) => r.url().endsWith(`/mote/${MEETING}/planvotering`)),
      form.getByRole('button').click(),
    ]);
    await expect(officer.locator('#ledelse .plan-vote-result').innerText()).resolves.toBe(
      'Planen som helhet: vedtatt (100 for, 0 mot, 3 avholdende).',
    );
    await hallShows('Planen er vedtatt');
    await hallShows('100 for, 0 mot, 3 avholdende');
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as PlanJson;
    const all = (sections: SectionJson[]): SectionJson['measures'] =>
      sections.flatMap((s) => [...s.measures, ...all(s.sections)]);
    const measures = all(plan.sections);
    expect(measures.some((m) => m.text === 'Vi skal stå på stand på Torggata hver lørdag.')).toBe(true);
    expect(measures.find((m) => m.address === '4.2.J')?.text).toContain('seks ganger i året');
    expect(problems).toEqual([]);
  });

  it('writes the protocol, which replayed on a fresh copy of the demo gives the same plan', async () => {
    await officer.goto(`${base}/mote/${MEETING}/protokoll`, { waitUntil: 'load' });
    const entries = await officer.locator('.protocol-entries h3').allInnerTexts();
    expect(entries).toEqual([
      'Forslag 3: nytt tiltak, Kapittel 4.1',
      'Forslag 1: endring, Tiltak 4.2.J',
      'Forslag 2: endring, Tiltak 4.2.J',
    ]);
    await expect(officer.locator('.protocol').innerText()).resolves.toContain(
      'Planen som helhet: vedtatt (100 for, 0 mot, 3 avholdende).',
    );
    await auditAndPhotograph(`/mote/${MEETING}/protokoll`, 'mote-05-protokoll');
    await auditAndPhotograph(`/mote/${MEETING}/sakspapir`, 'mote-06-sakspapir');

    const yaml = await request(api.http).get(`/meetings/${MEETING}/protocol`).expect(200);
    const adopted = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as PlanJson;
    const fresh = await startTestApi({ demo: true });
    try {
      await request(fresh.http)
        .post('/meetings/replay')
        .set('Content-Type', 'application/yaml')
        .send(yaml.text)
        .expect(201);
      const replayed = (await request(fresh.http).get(`/plans/${PLAN}`).expect(200)).body as PlanJson;
      expect(wording(replayed)).toEqual(wording(adopted));
    } finally {
      await fresh.close();
    }
  }, 240_000);
});
