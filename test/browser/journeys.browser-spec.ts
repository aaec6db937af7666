/**
 * Three people's ways through the pages, on a desktop (1280 px) and on a phone (390 px), in a
 * real browser (issue 16, "Done when"):
 * - a board member: the overdue measures, the measures by body, the members goal;
 * - an auditor: the 2020-2023 plan against 2024-2027, goals and measures, the audit report,
 *   one suggested link confirmed from the page;
 * - a newcomer: signing in from the front page, and the Norwegian message when an action is
 *   refused.
 * Each step is checked for console errors, failed requests and sideways scrolling, and saved as
 * a screenshot in test-output/screenshots/journey-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@app/domain';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  expectNoTrouble,
  launchChromium,
  SCREENSHOTS,
  sidewaysScroll,
  watch,
  type Trouble,
} from '../support/browser.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';
const WIDTHS = [1280, 390] as const;
const AUDITOR = { username: 'revisor', password: 'Revisor-passord-2026!' };
const NEWCOMER = { username: 'nykommer', password: 'Nykommer-passord-2026!' };

interface SectionJson {
  measures: Array<{ id: string; address: string; responsible: string[]; status: string }>;
  sections: SectionJson[];
}
const measuresOf = (sections: SectionJson[]): SectionJson['measures'] =>
  sections.flatMap((s) => [...s.measures, ...measuresOf(s.sections)]);

/** A page's text as one line, however the browser wraps or spaces it (thin spaces in numbers). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe("the board member's, the auditor's and the newcomer's ways through the pages", () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let access: AccessService;
  let newcomerId: string;
  const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    access = api.app.get(AccessService);
    const auditor = await access.registerUser(envelope(), AUDITOR);
    await access.grantRole(envelope(), auditor.userId, 'oslo-sv', 'plan_editor');
    newcomerId = (await access.registerUser(envelope(), NEWCOMER)).userId;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    let context: BrowserContext;
    let page: Page;
    let trouble: Trouble;

    beforeAll(async () => {
      context = await browser.newContext({
        viewport: { width, height: width < 500 ? 844 : 900 },
        isMobile: width < 500,
        locale: 'nb-NO',
      });
    });
    afterAll(async () => {
      await context?.close();
    });

    /** A fresh tab, with no session left from the person before. */
    async function open(path: string): Promise<void> {
      await context.clearCookies();
      page = await context.newPage();
      trouble = watch(page, base);
      await page.goto(base + path, { waitUntil: 'networkidle' });
    }

    /** The screen around `at` as the person sees it, and the page fits the screen's width. */
    async function step(name: string, at?: string): Promise<void> {
      if (at) await page.locator(at).first().scrollIntoViewIfNeeded();
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(SCREENSHOTS, `journey-${name}-${width}.png`) });
    }

    async function signIn(user: { username: string; password: string }): Promise<void> {
      await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).click();
      await page.waitForLoadState('networkidle');
      await page.getByLabel('Brukernavn').fill(user.username);
      await page.getByLabel('Passord').fill(user.password);
      await page.getByRole('button', { name: /Logg inn/ }).click();
      await page.waitForLoadState('networkidle');
    }

    it('the board member finds the overdue measures, the measures by body and the members goal', async () => {
      await open('/');
      expect(new URL(page.url()).pathname).toBe('/org/oslo-sv');

      // Overdue: the heading's count is the list's length, and every deadline has passed.
      const heading = await page.locator('#forfalte').innerText();
      const overdue = Number(/Forfalte tiltak \((\d+)\)/.exec(heading)![1]);
      expect(overdue).toBeGreaterThan(0);
      const items = await page.locator('ul[aria-labelledby="forfalte"] > li').allInnerTexts();
      expect(items).toHaveLength(overdue);
      const today = new Date().toISOString().slice(0, 10);
      for (const item of items) {
        const [, d, m, y] = /frist (\d\d)\.(\d\d)\.(\d{4})/.exec(item)!;
        expect(`${y}-${m}-${d}` < today).toBe(true);
      }
      await step('styremedlem-1-forfalte', '#forfalte');
      // The demo's invented meeting and follow-up say they are examples, and name the meeting.
      const latest = await page.locator('ol.history li').allInnerTexts();
      const invented = latest.filter((item) => /årsmøte|Oppfølging/.test(item));
      expect(invented.length).toBeGreaterThan(0);
      for (const item of invented) expect(item).toMatch(/\(eksempel\)/);
      await step('styremedlem-1b-siste-endringer', 'ol.history');

      // By body: the county board's measures, as many as the plan gives it.
      await page.getByRole('link', { name: 'Ansvar per organ' }).first().click();
      await page.waitForLoadState('networkidle');
      await page.getByLabel('Organ', { exact: true }).selectOption('FS');
      await page.getByRole('button', { name: 'Vis' }).click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).searchParams.get('body')).toBe('FS');
      const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as SectionJson;
      const fs = measuresOf(plan.sections).filter((m) => m.responsible.includes('FS'));
      await expect(page.locator('[data-result-count]').innerText()).resolves.toBe(String(fs.length));
      await expect(page.locator('.body-group h2').first().innerText()).resolves.toMatch(/^FS – Fylkesstyret/);
      await step('styremedlem-2-ansvar-fs', '.body-group');

      // The members goal: measured against the current plan's target (4 000 by the end of 2027),
      // and the old plans' targets marked as expired.
      await page.getByRole('link', { name: 'Måltall' }).first().click();
      await page.waitForLoadState('networkidle');
      const members = page.locator('section.indicator', {
        has: page.locator('h2', { hasText: /^Medlemmer$/ }),
      });
      expect(oneLine(await members.locator('.progress-line').innerText())).toMatch(
        /Medlemmer per 31\.12\.2025 mot målet 4 000 medlemmer innen 31\.12\.2027: 3 394 av 4 000 \(85 %\)/,
      );
      expect(await members.locator('.expired', { hasText: 'utløpt' }).count()).toBeGreaterThan(0);
      // The current target was set by the demo's invented meeting, and the row says so.
      await expect(members.locator('tr.target-row', { hasText: '31.12.2027' }).innerText()).resolves.toMatch(
        /vedtatt av Oslo SVs årsmøte 2026 \(eksempel\), endringsforslag 9/,
      );
      await expect(members.locator('canvas').getAttribute('data-drawn')).resolves.toBe('true');
      await step('styremedlem-3-medlemsmal', 'section.indicator .progress-line');
      expectNoTrouble(trouble);
      await page.close();
    });

    it('the auditor compares 2020-2023 with 2024-2027, reads the audit report and confirms a link', async () => {
      await open('/');
      await signIn(AUDITOR);
      await expect(page.getByRole('banner').innerText()).resolves.toMatch(
        /Logget inn som\s+revisor\s+Planredaktør i Oslo SV/,
      );

      await page.getByRole('link', { name: 'Fra forrige plan' }).first().click();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('h1').innerText()).resolves.toBe('Fra forrige plan');
      // Measures and goals side by side, each counted on both plans' sides.
      const counts = async (element: 'tiltak' | 'mal') =>
        Object.fromEntries(
          await Promise.all(
            ['unchanged', 'reworded', 'merged', 'split', 'new', 'dropped'].map(
              async (kind) =>
                [
                  kind,
                  Number(
                    await page
                      .locator(`[data-lineage="${element}"] [data-lineage-count="${kind}"]`)
                      .innerText(),
                  ),
                ] as const,
            ),
          ),
        );
      const measures = await counts('tiltak');
      const goals = await counts('mal');
      expect(measures.reworded).toBeGreaterThan(0);
      expect(goals.reworded! + goals.unchanged!).toBeGreaterThan(0);
      await expect(page.locator('[data-lineage="tiltak"]').innerText()).resolves.toMatch(/I 2020–2023/);
      // Measures folded into another are found: 3.7.E and 3.7.F into 5.7.A.
      await expect(
        page.locator('#tiltak-merged ~ ul li', { hasText: '5.7.A' }).first().innerText(),
      ).resolves.toMatch(/^3\.7\.E [^+→]*\+ 3\.7\.F [^+→]*→ 5\.7\.A /);
      await step('revisor-1-fra-forrige-plan', '[data-lineage="mal"]');

      // The audit report, linked from the page, counts as the page does.
      await page.getByRole('link', { name: 'Revisjonsrapport' }).first().click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}/audit`);
      const report = oneLine(await page.locator('body').innerText());
      expect(report).toMatch(
        /fra Oslo SVs Arbeidsplan 2020-2023 til Oslo SVs arbeids- og organisasjonsplan 2024-2027/,
      );
      const reportRow = (caption: string, label: string) =>
        page
          .locator('table', { has: page.locator('caption', { hasText: caption }) })
          .locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
          .locator('td')
          .first()
          .innerText();
      // Each plan by its period, as on the page.
      await expect(
        page
          .locator('table', { has: page.locator('caption', { hasText: 'Tiltak fra plan til plan' }) })
          .locator('thead')
          .innerText(),
      ).resolves.toMatch(/I 2020–2023\s+I 2024–2027/);
      await expect(reportRow('Tiltak fra plan til plan', 'Videreført med ny tekst')).resolves.toBe(
        String(measures.reworded),
      );
      await expect(reportRow('Mål fra plan til plan', 'Ikke videreført')).resolves.toBe(
        String(goals.dropped),
      );
      await step('revisor-2-revisjonsrapport');
      await page.goBack({ waitUntil: 'networkidle' });

      // One suggested link confirmed from the page: it then says who confirmed it.
      const confirm = page.locator('#tiltak-reworded ~ ul li button', { hasText: 'Bekreft' }).first();
      const label = (await confirm.getAttribute('aria-label'))!;
      const what = label.replace('Bekreft koblingen ', '');
      await confirm.click();
      await page.waitForLoadState('networkidle');
      // Back on the page, at the link confirmed (its anchor).
      const anchor = new URL(page.url()).hash;
      expect(anchor).not.toBe('');
      const confirmed = page.locator(`li${anchor}`);
      const text = await confirmed.innerText();
      for (const address of what.split(/ [+→] /)) expect(text).toContain(address);
      await expect(confirmed.locator('.badge.confirmed').innerText()).resolves.toMatch(
        /^Bekreftet av revisor \d\d\.\d\d\.\d{4}$/,
      );
      await expect(page.getByRole('button', { name: label }).count()).resolves.toBe(0);
      await step('revisor-3-kobling-bekreftet', `li${anchor}`);
      expectNoTrouble(trouble);
      await page.close();
    });

    it('the newcomer signs in from the front page, and is told in Norwegian when an action is refused', async () => {
      await access.grantRole(envelope(), newcomerId, 'oslo-sv', 'secretary' satisfies Role);
      await open('/');
      // Signed out: a sign-in link in the header, and no follow-up forms on the plan.
      await expect(page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).count()).resolves.toBe(1);
      await step('nykommer-1-forside');
      await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).pathname).toBe('/logg-inn');
      // The sign-in page has the site's header and a way back to where the newcomer came from.
      await expect(page.getByRole('banner').getByRole('link', { name: 'Planverk' }).count()).resolves.toBe(1);
      await step('nykommer-2-logg-inn');
      await page.getByLabel('Brukernavn').fill(NEWCOMER.username);
      await page.getByLabel('Passord').fill(NEWCOMER.password);
      await page.getByRole('button', { name: /Logg inn/ }).click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).pathname).toBe('/org/oslo-sv');
      const banner = page.getByRole('banner');
      await expect(banner.innerText()).resolves.toMatch(/Logget inn som\s+nykommer\s+Sekretær i Oslo SV/);
      await expect(banner.getByRole('button', { name: 'Logg ut' }).count()).resolves.toBe(1);
      await step('nykommer-3-innlogget');

      // The follow-up form, then the role is taken away before the newcomer saves.
      await page.getByRole('link', { name: 'Les planen' }).first().click();
      await page.waitForLoadState('networkidle');
      const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as SectionJson;
      const measure = measuresOf(plan.sections).find((m) => m.address === '4.2.B')!;
      const card = page.locator(`#tiltak-${measure.id}`);
      const before = await card.locator('.badge').first().innerText();
      await card.locator('summary', { hasText: 'Følg opp' }).click();
      await card.getByLabel('Ny status').selectOption('in_progress');
      await access.revokeRole(envelope(), newcomerId, 'oslo-sv', 'secretary');
      await card.getByRole('button', { name: 'Lagre status' }).click();
      const refusal = card.locator('.form-refusal');
      await expect(refusal.innerText({ timeout: 10_000 })).resolves.toBe(
        'Du har ikke tilgang til dette: det krever rollen sekretær i planens organisasjon.',
      );
      await expect(refusal.isVisible()).resolves.toBe(true);
      // Nothing changed.
      await expect(card.locator('.badge').first().innerText()).resolves.toBe(before);
      await step('nykommer-4-avvist', `#tiltak-${measure.id}`);
      // The refused post is the one failed request (the browser and htmx log it), and it is
      // the refusal shown.
      expect(trouble.failedRequests).toEqual([expect.stringMatching(/^403 .*\/status$/)]);
      expect(trouble.consoleErrors).toEqual([
        expect.stringMatching(/status of 403/),
        expect.stringMatching(/^Response Status Error Code 403 from .*\/status/),
      ]);
      trouble.failedRequests.length = 0;
      trouble.consoleErrors.length = 0;
      expectNoTrouble(trouble);
      await page.close();
    });
  });
});
