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
        /Mål \(3\.1\.g\d+\): Oslo SV skal ha 4000 medlemmer innen utgangen av 2027\. – gjenstår 606/,
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
});
