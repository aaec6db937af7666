/**
 * An annual meeting run from the pages in a real browser (Debian's Chromium through
 * playwright-core), on the demo data: the meeting officer schedules it and sets the deadline; a
 * member files two amendments before it and is refused after it (the reason in the form); the
 * officer files three more (one by citing lines on the papers, one by clicking an element, one
 * structured), reorders, recommends, votes with counts (one contradictory count refused, one
 * lapse), accepts recommendations en bloc and adopts the plan, while the hall's screen, open in
 * another browser context, shows each step within a second. The protocol it exports, replayed on a fresh copy of the demo, gives the same plan.
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
const MEMBER = { username: 'medlem', password: 'Medlems-passord-2027!' };
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
  let memberContext: BrowserContext;
  let member: Page;
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
    const memberUser = await access.registerUser(envelope(), MEMBER);
    await access.grantRole(envelope(), memberUser.userId, 'oslo-sv', 'member');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
    hallContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nb-NO' });
    // Outside the CSP only so axe-core can be injected into the member's view.
    memberContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nb-NO',
      bypassCSP: true,
    });
    audit = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
      bypassCSP: true,
    });
    officer = await officerContext.newPage();
    hall = await hallContext.newPage();
    member = await memberContext.newPage();
    for (const p of [officer, hall, member]) {
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
    await signIn(member, MEMBER);
    await signIn(await audit.newPage());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signIn(p: Page, who = OFFICER): Promise<void> {
    await p.goto(`${base}/logg-inn`);
    await p.getByLabel('Brukernavn').fill(who.username);
    await p.getByLabel('Passord').fill(who.password);
    await p.getByRole('button', { name: /Logg inn/ }).click();
    await p.waitForLoadState('load');
  }

  /** The page as the member's browser shows it (phone width), photographed and checked with axe-core. */
  async function auditAndPhotographAs(p: Page, path: string, name: string): Promise<void> {
    await p.goto(base + path, { waitUntil: 'load' });
    await p.screenshot({ path: join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
    await p.addScriptTag({ path: AXE });
    const violations = await p.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: any[] }> } }).axe;
      return (await axe.run()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
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

  /** A member or the officer files an amendment from the form on the meeting page. */
  async function file(
    fields: {
      del: string;
      type: string;
      values: Record<string, string>;
    },
    by: Page = officer,
  ): Promise<string> {
    await by.goto(`${base}/mote/${MEETING}`, { waitUntil: 'load' });
    await by.locator('details.filing summary').click();
    const form = by.locator('#forslagsskjema');
    await form.getByLabel('eller del av planen').selectOption(fields.del);
    await form.locator(`input[name="type"][value="${fields.type}"]`).check();
    for (const [label, value] of Object.entries(fields.values))
      await form.getByLabel(label, { exact: true }).fill(value);
    return send(by);
  }

  /** Sends the filing form on the page; the message it answers with. */
  async function send(by: Page): Promise<string> {
    await Promise.all([
      by.waitForResponse((r) => r.url().endsWith(`/mote/${MEETING}/forslag`)),
      by.locator('#forslagsskjema').getByRole('button', { name: 'Fremme forslaget' }).click(),
    ]);
    const flash = by.locator('#forslagsskjema .flash');
    await flash.waitFor();
    return flash.innerText();
  }

  /** On the officer's page: a control's form (by its legend or a button's name) sent; the message at the top. */
  async function onControl(
    form: ReturnType<Page['locator']>,
    fill: (form: ReturnType<Page['locator']>) => Promise<void>,
    button?: string,
  ): Promise<string> {
    if (!officer.url().endsWith(`/mote/${MEETING}/ledelse`))
      await officer.goto(`${base}/mote/${MEETING}/ledelse`, { waitUntil: 'load' });
    await fill(form);
    await markRegion();
    await Promise.all([
      officer.waitForResponse(
        (r) => r.url().includes(`/mote/${MEETING}/`) && r.request().method() === 'POST',
      ),
      (button ? form.getByRole('button', { name: button }) : form.getByRole('button')).click(),
    ]);
    const flash = officer.locator('#ledelse:not([data-before]) > .flash');
    await flash.waitFor();
    return flash.innerText();
  }
  /**
   * Marks the officer's region as it is before an action: htmx swaps in a new one with the answer,
   * so a message is read from the new region, never the last action's still on the page.
   */
  const markRegion = () =>
    officer.evaluate(() => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): any } }).document;
      doc.getElementById('ledelse')?.setAttribute('data-before', '');
    });
  const legendForm = (legend: string) =>
    officer.locator('form', { has: officer.locator('legend', { hasText: legend }) });

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
    await markRegion();
    await Promise.all([
      officer.waitForResponse((r) => r.url().includes(`/mote/${MEETING}/forslag/${no}/`)),
      form.getByRole('button').click(),
    ]);
    // One message at a time: by the form it concerns, or a result at the top of the officer's region.
    const flash = officer.locator('#ledelse:not([data-before]) .flash');
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

  it('sets the deadline; a member files two amendments before it, and is refused after it', async () => {
    await expect(
      onControl(legendForm('Innsendingsfrist'), (f) => f.getByLabel(/Ny frist/).fill('2027-01-20T12:00')),
    ).resolves.toBe('Frist for endringsforslag: 20. januar 2027 kl. 12.00.');
    await expect(
      file(
        {
          del: 'measure:4.2.J',
          type: 'endring',
          values: {
            'Tekst som strykes (sitert nøyaktig fra sakspapiret)': 'fire ganger i året',
            'Erstattes med': 'seks ganger i året',
            'Forslagsstiller (ditt navn eller laget ditt)': 'Sagene SV',
          },
        },
        member,
      ),
    ).resolves.toBe('Forslaget er fremmet som forslag 1.');
    await hallShows('Forslag 1: endring, Tiltak 4.2.J');
    await expect(
      file(
        {
          del: 'measure:4.2.J',
          type: 'endring',
          values: {
            'Tekst som strykes (sitert nøyaktig fra sakspapiret)': 'fire ganger',
            'Erstattes med': 'tre ganger',
            'Forslagsstiller (ditt navn eller laget ditt)': 'Frogner SV',
          },
        },
        member,
      ),
    ).resolves.toBe('Forslaget er fremmet som forslag 2.');
    await member.goto(`${base}/mote/${MEETING}`, { waitUntil: 'load' });
    await expect(member.locator('.own-amendments').innerText()).resolves.toContain('Trekk forslag 2');
    await auditAndPhotographAs(member, `/mote/${MEETING}`, 'mote-02-medlem');

    // The officer moves the deadline into the past: the member is refused, with the reason.
    await expect(
      onControl(legendForm('Innsendingsfrist'), (f) => f.getByLabel(/Ny frist/).fill('2026-12-01T12:00')),
    ).resolves.toBe('Frist for endringsforslag: 1. desember 2026 kl. 12.00.');
    await expect(
      file(
        {
          del: 'measure:4.2.J',
          type: 'stryking',
          values: {
            'Tekst som strykes (sitert nøyaktig fra sakspapiret)': 'i året',
            'Forslagsstiller (ditt navn eller laget ditt)': 'Sagene SV',
          },
        },
        member,
      ),
    ).resolves.toContain(
      'Fristen for å sende inn endringsforslag gikk ut 1. desember 2026 kl. 12.00; nå kan bare møteledelsen fremme forslag i møtet',
    );
    expect(problems).toEqual([]);
  });

  it('files three more as the officer: by citing lines on the papers, by clicking an element, and structured', async () => {
    // On the papers: a click on a line number says which lines; a new timing for what stands there.
    await officer.goto(`${base}/mote/${MEETING}/sakspapir`, { waitUntil: 'load' });
    const firstLine = officer.locator('[data-cite="measure:4.1.B"] a.ln').first();
    const lineNo = (await firstLine.innerText()).replace(/\D/g, '');
    await firstLine.click();
    await expect(officer.locator('#forslag-linjer').inputValue()).resolves.toBe(lineNo);
    const form = officer.locator('#forslagsskjema');
    await form.locator('input[name="type"][value="gjennomforing"]').check();
    await form.getByLabel('Gjennomføring', { exact: true }).fill('Høst 2027');
    await form.getByLabel('Forslagsstiller (for eksempel «Sagene SV»)', { exact: true }).fill('Bjerke SV');
    await expect(send(officer)).resolves.toBe('Forslaget er fremmet som forslag 3.');

    // A click on a measure says which part of the plan; a quote not in it is refused, with the reason.
    await officer.goto(`${base}/mote/${MEETING}/sakspapir`, { waitUntil: 'load' });
    await officer.locator('[data-cite="measure:4.1.A"] .lt').first().click();
    await expect(officer.locator('#forslag-del').inputValue()).resolves.toBe('measure:4.1.A');
    await expect(officer.locator('#forslag-linjer').inputValue()).resolves.toBe('');
    await form.locator('input[name="type"][value="stryking"]').check();
    await form
      .getByLabel('Tekst som strykes (sitert nøyaktig fra sakspapiret)', { exact: true })
      .fill('hver måned og aldri ellers');
    await expect(send(officer)).resolves.toContain(
      'Teksten forslaget siterer, står ikke der forslaget viser til.',
    );
    await form.locator('input[name="type"][value="stryk"]').check();
    await form.getByLabel('Forslagsstiller (for eksempel «Sagene SV»)', { exact: true }).fill('Alna SV');
    await expect(send(officer)).resolves.toBe('Forslaget er fremmet som forslag 4.');

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
    ).resolves.toBe('Forslaget er fremmet som forslag 5.');
    await officer.goto(`${base}/mote/${MEETING}`, { waitUntil: 'load' });
    await expect(officer.locator('#forslag-5').innerText()).resolves.toContain('(fremmet i møtet)');
    await auditAndPhotograph(`/mote/${MEETING}`, 'mote-02-motet');
    expect(problems).toEqual([]);
  });

  it('reorders the vote and puts the first on the floor; the hall and the delegates follow', async () => {
    await expect(
      onControl(legendForm('Endre voteringsrekkefølgen'), (f) =>
        f.getByLabel('Forslagene i den rekkefølgen de skal voteres over').fill('5, 1, 2, 3, 4'),
      ),
    ).resolves.toBe('Voteringsrekkefølgen er endret: forslag 5, 1, 2, 3, 4.');
    await hallShows('Forslag 5: nytt tiltak, Kapittel 4.1');
    await expect(
      onControl(
        officer.locator('#forslag-5 form.floor-form'),
        async () => undefined,
        'Sett forslag 5 til behandling nå',
      ),
    ).resolves.toBe('Til behandling nå: Forslag 5.');
    await member.goto(`${base}/mote/${MEETING}`, { waitUntil: 'load' });
    await member
      .locator('#motet-live .now-treated', {
        hasText: 'Til behandling nå: Forslag 5: nytt tiltak, Kapittel 4.1',
      })
      .waitFor({ timeout: WITHIN });
  });

  it('recommends, records the votes with counts (one refused, one lapse), accepts the rest en bloc, and the hall follows', async () => {
    await expect(
      onAmendment(5, 'Innstilling til forslag', (f) => f.getByLabel('Vedta', { exact: true }).check()),
    ).resolves.toBe('Innstillingen til forslag 5 er lagret.');
    await hallShows('Innstilling: Vedta');
    await auditAndPhotograph(`/mote/${MEETING}/ledelse`, 'mote-03-ledelse');
    await auditAndPhotograph(`/mote/${MEETING}/skjerm`, 'mote-04-skjerm');

    await expect(
      onAmendment(5, 'Votering over forslag', async (f) => {
        await f.getByLabel('Vedtatt', { exact: true }).check();
        await f.getByLabel('For', { exact: true }).fill('80');
        await f.getByLabel('Mot', { exact: true }).fill('10');
        await f.getByLabel('Avholdende', { exact: true }).fill('2');
      }),
    ).resolves.toBe('Forslag 5: vedtatt (80 for, 10 mot, 2 avholdende).');
    await hallShows('Sist avgjort: forslag 5 – vedtatt (80 for, 10 mot, 2 avholdende)');
    await hallShows('Forslag 1: endring, Tiltak 4.2.J');

    await expect(
      onAmendment(1, 'Innstilling til forslag', (f) => f.getByLabel('Vedta', { exact: true }).check()),
    ).resolves.toBe('Innstillingen til forslag 1 er lagret.');
    await hallShows('Innstilling: Vedta');
    // Counts that contradict the result are refused, with the rule that decides.
    await expect(
      onAmendment(1, 'Votering over forslag', async (f) => {
        await f.getByLabel('Vedtatt', { exact: true }).check();
        await f.getByLabel('For', { exact: true }).fill('30');
        await f.getByLabel('Mot', { exact: true }).fill('60');
      }),
    ).resolves.toMatch(/kan ikke være vedtatt med 30 for og 60 mot/);
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

    // The committee recommends the last two; the meeting accepts both in one vote.
    for (const [no, label] of [
      [3, 'Vedta'],
      [4, 'Avvise'],
    ] as const) {
      if (no === 4) {
        await officer.locator('#forslag-4 details.officer-more summary').click();
      }
      await expect(
        onAmendment(no, 'Innstilling til forslag', (f) => f.getByLabel(label, { exact: true }).check()),
      ).resolves.toBe(`Innstillingen til forslag ${no} er lagret.`);
    }
    await expect(
      onControl(
        officer.locator('form.floor-form', {
          hasText: 'Sett komiteens innstillinger samlet til behandling nå',
        }),
        async () => undefined,
      ),
    ).resolves.toBe('Til behandling nå: Komiteens innstillinger samlet (forslag 3, 4).');
    await hallShows('Komiteens innstillinger samlet');
    await expect(
      onControl(legendForm('Komiteens innstillinger samlet'), async (f) => {
        await f.getByLabel('For', { exact: true }).fill('90');
        await f.getByLabel('Mot', { exact: true }).fill('5');
        await f.getByLabel('Avholdende', { exact: true }).fill('1');
      }),
    ).resolves.toBe(
      'Innstillingene er vedtatt samlet (90 for, 5 mot, 1 avholdende): forslag 3 vedtatt; forslag 4 falt.',
    );
    await hallShows('Alle forslagene er behandlet');
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
    await markRegion();
    await Promise.all([
      officer.waitForResponse((r) => r.url().endsWith(`/mote/${MEETING}/planvotering`)),
      form.getByRole('button').click(),
    ]);
    await expect(officer.locator('#ledelse:not([data-before]) .plan-vote-result').innerText()).resolves.toBe(
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
    expect(measures.find((m) => m.address === '4.1.B')?.timing).toBe('Høst 2027');
    expect(measures.some((m) => m.address === '4.1.A')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('writes the protocol, which replayed on a fresh copy of the demo gives the same plan', async () => {
    await officer.goto(`${base}/mote/${MEETING}/protokoll`, { waitUntil: 'load' });
    const entries = await officer.locator('.protocol-entries h3').allInnerTexts();
    // In the order decided; the two settled en bloc in one vote, in the order the domain took them.
    expect(entries.slice(0, 3)).toEqual([
      'Forslag 5: nytt tiltak, Kapittel 4.1',
      'Forslag 1: endring, Tiltak 4.2.J',
      'Forslag 2: endring, Tiltak 4.2.J',
    ]);
    expect([...entries.slice(3)].sort()).toEqual([
      expect.stringMatching(/^Forslag 3: ny gjennomføring, Tiltak 4\.1\.B \(linje \d+/),
      'Forslag 4: stryk tiltaket, Tiltak 4.1.A',
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
