/**
 * The board's pages in a real browser (Debian's Chromium through playwright-core): the api runs
 * in-process with the demo data on a random port, and the browser does what a board member and
 * the secretary would. Every page is checked for console errors, requests that fail or leave
 * localhost, and serious accessibility problems (axe-core); each gets a screenshot in
 * test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  expectNoTrouble as noTrouble,
  launchChromium,
  SCREENSHOTS,
  sidewaysScroll,
  watch,
  type Trouble,
} from '../support/browser.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PLAN = 'oslo-sv-2024-2027';
const SECRETARY = { username: 'sekretaer', password: 'Sekretær-passord-2026!' };

interface PlanJson {
  sections: SectionJson[];
}
interface SectionJson {
  measures: Array<{ id: string; address: string; text: string; responsible: string[]; status: string }>;
  sections: SectionJson[];
}

const measuresOf = (sections: SectionJson[]): SectionJson['measures'] =>
  sections.flatMap((s) => [...s.measures, ...measuresOf(s.sections)]);

describe('board pages in a browser', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let strict: BrowserContext;
  let audit: BrowserContext;
  let page: Page;
  let trouble: Trouble;
  let measure41B: { id: string; text: string };
  const reworded = 'Det skal lages en plan for systematisk dørbank i hele Oslo i 2026.';

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;

    // An earlier revision to look at: the demo adopted the 2026 edition as written (revision 1)
    // and its annual meeting amended it into revision 2; change a measure and adopt again.
    const admin = request(api.http);
    const plan = (await admin.get(`/plans/${PLAN}`).expect(200)).body as PlanJson;
    const found = measuresOf(plan.sections).find((m) => m.address === '4.1.B')!;
    measure41B = { id: found.id, text: found.text };
    await admin.post(`/plans/${PLAN}/measures/${found.id}/text`).send({ text: reworded }).expect(200);
    await admin.post(`/plans/${PLAN}/adopt`).send({ body: 'RS', date: '2026-06-10' }).expect(200);

    // The secretary of Oslo SV, who follows the plan up from the pages.
    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const { userId } = await access.registerUser(envelope(), {
      username: SECRETARY.username,
      password: SECRETARY.password,
    });
    await access.grantRole(envelope(), userId, 'oslo-sv', 'secretary');

    browser = await launchChromium();
    // The pages run under the api's Content-Security-Policy; axe is injected in a second
    // context that bypasses it, so injecting it cannot hide a violation of ours.
    strict = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
    audit = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nb-NO',
      bypassCSP: true,
    });
    page = await strict.newPage();
    trouble = watch(page, base);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  function expectNoTrouble(): void {
    noTrouble(trouble);
  }

  /** axe-core on the page as it is at `path`, and a screenshot of it. */
  async function auditPage(path: string): Promise<void> {
    const p = await audit.newPage();
    const t = watch(p, base);
    await p.goto(base + path, { waitUntil: 'networkidle' });
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
    expect(t.consoleErrors).toEqual([]);
    await p.close();
  }

  /** The whole page, or (for the long plan pages) the screen around `at`. */
  async function screenshot(name: string, at?: string): Promise<void> {
    if (at) await page.locator(at).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: at === undefined });
  }

  const count = async (status: string) =>
    Number(
      (await page.locator(`#status-summary [data-status-count="${status}"]`).innerText()).replace(/\s/g, ''),
    );

  it('opens on the overview of a county organisation, with its plans, status chart and late measures', async () => {
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe('/org/oslo-sv');
    await expect(page.locator('h1').innerText()).resolves.toBe('Oslo SV');
    await expect(page.locator('.plan-list').innerText()).resolves.toMatch(
      /Gjeldende plan:.*2024-2027[\s\S]*Tidligere plan:.*2020-2023[\s\S]*Sentral plan som følges opp:.*SVs arbeidsplan 2022-2025/,
    );
    // The demo reports two measures done (4.1.C and 4.1.H).
    expect(await count('done')).toBe(2);
    // Chart.js drew the status chart: the canvas has been sized and marked by pages.js.
    const canvas = page.locator('#status-chart');
    await expect(canvas.getAttribute('data-drawn')).resolves.toBe('true');
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100);
    await expect(page.locator('#forfalte').innerText()).resolves.toMatch(/Forfalte tiltak \(\d+\)/);
    await expect(page.locator('ol.history li').count()).resolves.toBeGreaterThan(0);
    expectNoTrouble();
    await screenshot('01-oversikt');
    await auditPage('/org/oslo-sv');
  });

  it('filters measures by responsible body, and keeps the filter in a link that can be sent', async () => {
    await page.getByRole('link', { name: 'Ansvar per organ' }).first().click();
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Organ', { exact: true }).selectOption('BSG');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForLoadState('networkidle');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/org/oslo-sv/ansvar');
    expect(url.searchParams.get('body')).toBe('BSG');

    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as PlanJson;
    const bsg = measuresOf(plan.sections).filter((m) => m.responsible.includes('BSG'));
    expect(bsg.length).toBeGreaterThan(0);
    await expect(page.locator('[data-result-count]').innerText()).resolves.toBe(String(bsg.length));
    const rows = page.locator('.body-group tbody tr th a');
    await expect(rows.allInnerTexts()).resolves.toEqual(bsg.map((m) => m.address));
    await expect(page.locator('.body-group h2').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^BSG – Bystyregruppa/),
    ]);

    // The same link, opened again (sent to someone): the same filter, the same measures.
    const second = await strict.newPage();
    await second.goto(`${base}/org/oslo-sv/ansvar?plan=${PLAN}&body=BSG&status=not_started`);
    await expect(second.getByLabel('Organ', { exact: true }).inputValue()).resolves.toBe('BSG');
    await expect(second.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('not_started');
    await expect(second.locator('[data-result-count]').innerText()).resolves.toBe(
      String(bsg.filter((m) => m.status === 'not_started').length),
    );
    await second.close();
    expectNoTrouble();
    await screenshot('02-ansvar-bsg');
    await auditPage(`/org/oslo-sv/ansvar?plan=${PLAN}&body=BSG`);
  });

  it('shows the plan at an earlier adopted revision, and what changed since', async () => {
    await page.goto(`${base}/plan/${PLAN}`, { waitUntil: 'networkidle' });
    const card = page.locator(`#tiltak-${measure41B.id}`);
    await expect(card.locator('.measure-text').innerText()).resolves.toBe(reworded);

    await page.getByLabel('Vedtatt revisjon').selectOption('2');
    await page.getByRole('button', { name: 'Vis revisjon' }).click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('revision')).toBe('2');
    await expect(page.locator('.notice').first().innerText()).resolves.toMatch(
      /slik den ble vedtatt som revisjon 2 \(ÅM 14\.03\.2026\)/,
    );
    await expect(card.locator('.measure-text').innerText()).resolves.toBe(measure41B.text);
    // An old revision is read-only: no follow-up there.
    await expect(page.locator('details.follow-up').count()).resolves.toBe(0);
    expectNoTrouble();
    await screenshot('03-plan-revisjon-2', 'h1');

    await page.goto(`${base}/plan/${PLAN}/endringer?from=2&to=3`, { waitUntil: 'networkidle' });
    const change = page.locator('ul.changes li', { hasText: 'Tiltak 4.1.B omformulert' });
    await expect(change.locator('ins').count()).resolves.toBeGreaterThan(0);
    await expect(change.locator('ins').allInnerTexts()).resolves.toContainEqual(
      expect.stringContaining('hele Oslo'),
    );
    expectNoTrouble();
    await screenshot('04-endringer');
    await auditPage(`/plan/${PLAN}?revision=2`);
    await auditPage(`/plan/${PLAN}/endringer?from=2&to=3`);
  });

  it("opens a measure's history from the plan with one click", async () => {
    await page.goto(`${base}/plan/${PLAN}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Historikk for tiltak 4.1.B' }).click();
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(`/plan/${PLAN}/tiltak/${measure41B.id}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Historikk for tiltak 4.1.B');
    const rewording = page.locator('#tiltak-historikk li', { hasText: 'omformulert' });
    await expect(rewording.locator('del').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#tiltak-historikk li', { hasText: 'lagt til' }).count()).resolves.toBe(1);
    expectNoTrouble();
    await screenshot('05-tiltak-historikk');
    await auditPage(`/plan/${PLAN}/tiltak/${measure41B.id}`);
  });

  it('lets the secretary change a status in the page, and the counts follow without a reload', async () => {
    await page.goto(`${base}/logg-inn?neste=${encodeURIComponent(`/plan/${PLAN}`)}`);
    await page.getByLabel('Brukernavn').fill(SECRETARY.username);
    await page.getByLabel('Passord').fill(SECRETARY.password);
    await page.getByRole('button', { name: /Logg inn/ }).click();
    await page.waitForURL(`${base}/plan/${PLAN}`);
    await page.waitForLoadState('networkidle');

    const before = await count('done');
    // Set a marker on the window: a full reload would lose it.
    await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'still here'));
    const card = page.locator(`#tiltak-${measure41B.id}`);
    await card.locator('summary', { hasText: 'Følg opp' }).click();
    await card.getByLabel('Ny status').selectOption('done');
    await card.getByLabel('Merknad (valgfri)').fill('Planen for dørbank er vedtatt i fylkesstyret');
    await card.getByRole('button', { name: 'Lagre status' }).click();

    await expect(
      page.locator(`#tiltak-${measure41B.id} .flash`).innerText({ timeout: 10_000 }),
    ).resolves.toBe('Status endret til Gjennomført.');
    await expect(page.locator(`#tiltak-${measure41B.id} .badge`).first().innerText()).resolves.toBe(
      'Gjennomført',
    );
    expect(await count('done')).toBe(before + 1);
    await expect(page.evaluate(() => (globalThis as unknown as { marker?: string }).marker)).resolves.toBe(
      'still here',
    );
    expectNoTrouble();
    await screenshot('06-status-endret', `#tiltak-${measure41B.id}`);

    // The dashboard counts it too.
    await page.goto(`${base}/org/oslo-sv`, { waitUntil: 'networkidle' });
    expect(await count('done')).toBe(before + 1);
    await expect(page.locator('ol.history').innerText()).resolves.toContain(
      'Planen for dørbank er vedtatt i fylkesstyret',
    );
    expectNoTrouble();
  });

  it('shows the lineage from the previous plan and the goal indicators over time', async () => {
    await page.goto(`${base}/plan/${PLAN}/revisjon`, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').innerText()).resolves.toBe('Fra forrige plan');
    const linked = Number(
      await page.locator('[data-lineage="tiltak"] [data-lineage-count="reworded"]').innerText(),
    );
    const added = Number(
      await page.locator('[data-lineage="tiltak"] [data-lineage-count="new"]').innerText(),
    );
    expect(linked + added).toBeGreaterThan(0);
    // No placeholder for the meeting: the plan's meetings are linked instead.
    await expect(page.locator('[data-placeholder]').count()).resolves.toBe(0);
    await expect(
      page.getByRole('link', { name: 'Møter og endringsforslag' }).getAttribute('href'),
    ).resolves.toBe(`/plan/${PLAN}/moter`);
    expectNoTrouble();
    await screenshot('07-fra-forrige-plan', 'h1');
    await auditPage(`/plan/${PLAN}/revisjon`);

    await page.goto(`${base}/plan/${PLAN}/mal`, { waitUntil: 'networkidle' });
    const members = page.locator('section.indicator', {
      has: page.locator('h2', { hasText: /^Medlemmer$/ }),
    });
    const table = await members.locator('tbody').innerText();
    expect(table).toMatch(/31\.12\.2019\s+2\s?993/);
    expect(table).toMatch(/31\.12\.2025\s+3\s?394/);
    expect(table).toMatch(/31\.12\.2023\s+4\s?000/);
    await expect(members.locator('canvas').getAttribute('data-drawn')).resolves.toBe('true');
    expectNoTrouble();
    await screenshot('08-maltall');
    await auditPage(`/plan/${PLAN}/mal`);
  });

  it('fits a phone screen', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      locale: 'nb-NO',
    });
    const p = await phone.newPage();
    const t = watch(p, base);
    for (const [path, name] of [
      ['/org/oslo-sv', '09-mobil-oversikt'],
      [`/plan/${PLAN}`, '10-mobil-plan'],
    ] as const) {
      await p.goto(base + path, { waitUntil: 'networkidle' });
      expect(await sidewaysScroll(p)).toBeLessThanOrEqual(1);
      await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: name.includes('oversikt') });
    }
    noTrouble(t);
    await phone.close();
  });
});
