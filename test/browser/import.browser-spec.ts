/**
 * A plan editor imports a plan written in a shape none of the seeds has, in a real browser
 * (Debian's Chromium through playwright-core): a Word file with Roman-numbered chapters in bold
 * (no heading styles), "Vi skal:" lists with "Hvem:" and "Når:" lines, and a table whose columns
 * are Når / Hva / Hvem. The review shows the source beside what was found; the editor corrects a
 * measure into a goal and an Ansvar, sees the corrections applied, and imports; the plan page
 * shows the plan as corrected. Pages photographed at 1280 and 390 px in test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessService } from '@app/runtime';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { REPO_ROOT } from '../support/processes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (as root).`,
  );
}
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
const EDITOR = { username: 'planredaktor', password: 'Planredaktør-passord-2027!' };
const PLAN = 'tromso-uv-2027-2028';

/** The plan, as a secretary might write it in Word without heading styles. */
async function tromsoPlan(): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ text });
  const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  const document = new Document({
    sections: [
      {
        children: [
          bold('Arbeidsprogram for Tromsø Unge Venstre 2027–2028'),
          p('Vedtatt på årsmøtet 6. februar 2027.'),
          bold('I. Organisasjon'),
          p('Vi vil bli flere, og alle skal få noe å gjøre.'),
          p('Vi skal:'),
          p('- Verve 30 nye medlemmer på skolene i løpet av 2027'),
          p('  Hvem: vervekontakt'),
          p('- Holde medlemsmøte første mandag hver måned'),
          p('  Hvem: styret'),
          p('  Når: hele perioden'),
          p('- Bli det største ungdomspartiet i Tromsø'),
          bold('II. Politikk og synlighet'),
          new Table({
            rows: [
              row('Når', 'Hva', 'Hvem'),
              row(
                'Høsten 2027',
                'Arrangere skoledebatter på alle videregående skoler',
                'Skolepolitisk ansvarlig',
              ),
              row('Innen 1. mars 2028', 'Skrive et nytt klimaprogram for Troms', 'Politisk nestleder'),
              row('Løpende', 'Skrive leserinnlegg i Nordlys', 'Alle medlemmer'),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('a plan in a new shape imported through the import page', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const { userId } = await access.registerUser(envelope(), EDITOR);
    await access.grantRole(envelope(), userId, 'tromso-uv', 'plan_editor');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' })
    ).newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/logg-inn?neste=/import`);
    await page.getByLabel('Brukernavn').fill(EDITOR.username);
    await page.getByLabel('Passord').fill(EDITOR.password);
    await page.getByRole('button', { name: /Logg inn/ }).click();
    await page.waitForURL(`${base}/import`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function photograph(name: string): Promise<void> {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('reads it, takes the corrections, and imports the plan as corrected', async () => {
    await photograph('import-upload');
    await page.getByLabel(/Organisasjonens kortnavn/).fill('tromso-uv');
    await page.getByLabel('Planen', { exact: true }).setInputFiles({
      name: 'tromso-uv-arbeidsprogram-2027-2028.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await tromsoPlan(),
    });
    await page.getByRole('button', { name: 'Les planen' }).click();
    await page.getByRole('heading', { name: 'Gjennomgang før import' }).waitFor();
    await photograph('import-review');
    const summary = await page.locator('.review-summary').innerText();
    expect(summary).toMatch(/2 kapitler, 0 mål og 6 tiltak/);

    // "Bli det største ungdomspartiet i Tromsø" is a goal, not a measure; the leserinnlegg are the board's.
    const goalRow = page.locator('tr', { hasText: 'Bli det største ungdomspartiet i Tromsø' }).first();
    await goalRow.locator('summary').click();
    await goalRow.getByRole('combobox', { name: 'Hva linjen er' }).selectOption('goal');
    const letters = page.locator('tr.element-start', { hasText: 'Skrive leserinnlegg i Nordlys' });
    await letters.locator('summary').click();
    await letters.getByLabel('Ansvar').fill('Styret');
    await page.getByRole('button', { name: 'Vis rettelsene' }).first().click();
    await page.getByText('2 rettelser er tatt med').waitFor();
    expect(await page.locator('.review-summary').innerText()).toMatch(/2 kapitler, 1 mål og 5 tiltak/);
    await photograph('import-review-corrected');

    await page.getByRole('button', { name: 'Importer planen' }).first().click();
    await page.waitForURL(`${base}/plan/${PLAN}`);
    await photograph('import-imported-plan');
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body;
    expect(plan.title).toBe('Arbeidsprogram for Tromsø Unge Venstre 2027–2028');
    expect(plan.sections[0].goals.map((g: any) => g.text)).toEqual([
      'Bli det største ungdomspartiet i Tromsø',
    ]);
    expect(plan.sections[0].measures.map((m: any) => [m.text, m.timing, m.parties])).toEqual([
      ['Verve 30 nye medlemmer på skolene i løpet av 2027', 'i løpet av 2027', ['Vervekontakt']],
      ['Holde medlemsmøte første mandag hver måned', 'hele perioden', ['Styret']],
    ]);
    expect(plan.sections[1].measures.map((m: any) => [m.text, m.timing, m.parties])).toEqual([
      ['Arrangere skoledebatter på alle videregående skoler', 'Høsten 2027', ['Skolepolitisk ansvarlig']],
      ['Skrive et nytt klimaprogram for Troms', 'Innen 1. mars 2028', ['Politisk nestleder']],
      ['Skrive leserinnlegg i Nordlys', 'Løpende', ['Styret']],
    ]);
    expect(problems).toEqual([]);
  });
});
