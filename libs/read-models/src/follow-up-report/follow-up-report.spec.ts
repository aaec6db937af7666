import { describe, expect, it } from '@jest/globals';
import { createdPlan } from '../__fixtures__/history-rows.js';
import { buildFollowUpReport } from './follow-up-report.js';
import { renderFollowUpReportHtml, renderFollowUpReportMarkdown } from './render-report.js';

const am2025 = { kind: 'meeting', meetingId: 'oslo-sv-am-2025', amendmentNo: 3 };
const board = { kind: 'board_decision', reference: 'FS-sak 41/25' };

const plan = createdPlan('p', 'Arbeidsplan 2024-2027')
  .on('2024-01-15')
  .add('SectionAdded', { sectionId: 's1', number: '4.1', title: 'Velgerkontakt' })
  .add('SectionAdded', { sectionId: 's2', number: '4.2', title: 'Medlemmer' })
  .add('GoalAdded', {
    goalId: 'g1',
    sectionId: 's2',
    text: 'Oslo SV skal ha 4000 medlemmer',
    target: { metric: 'members', value: 4000, by: '2027-12-31' },
  })
  .add('MeasureAdded', {
    measureId: 'a',
    sectionId: 's2',
    label: 'A',
    text: 'Nye medlemmer skal ringes minst 4 ganger i året',
    timing: 'Kontinuerlig',
    responsible: ['FS', 'LL'],
  })
  .add('MeasureAdded', {
    measureId: 'b',
    sectionId: 's1',
    label: 'A',
    text: 'Lage en plan for systematisk dørbank',
    timing: 'Vår 2024',
    responsible: ['FS'],
  })
  .add('MeasureAdded', {
    measureId: 'x',
    sectionId: 's1',
    label: 'B',
    text: 'Stand <script>alert(1)</script> | på torget',
    timing: '2025',
    responsible: [],
  })
  .add('PlanAdopted', { revision: 1, body: 'ÅM', date: '2024-03-09' }, { at: '2024-03-09' })
  .add(
    'IndicatorMeasured',
    { goalId: 'g1', metric: 'members', value: 3100, at: '2024-12-31' },
    { at: '2025-01-05' },
  )
  .add(
    'MeasureStatusChanged',
    { measureId: 'b', from: 'not_started', to: 'in_progress', note: 'Utkast før årsmøtet' },
    { at: '2025-02-01' },
  )
  // The period reported on: 2025-03-08 to 2026-03-13.
  .on('2025-03-08')
  .add(
    'MeasureReworded',
    {
      measureId: 'a',
      from: 'Nye medlemmer skal ringes minst 4 ganger i året',
      to: 'Nye medlemmer skal ringes to ganger i året',
    },
    { cause: am2025 },
  )
  .add('MeasureRetimed', { measureId: 'b', from: 'Vår 2024', to: 'Høst 2025' }, { cause: am2025 })
  .add('PlanAdopted', { revision: 2, body: 'ÅM', date: '2025-03-08', edition: '2025' })
  .on('2025-06-01')
  .add(
    'MeasureReassigned',
    { measureId: 'b', from: ['FS'], to: ['BSG', 'FS'], reason: 'Bystyregruppa leder dørbanken' },
    { cause: board },
  )
  .add(
    'MeasureStatusChanged',
    { measureId: 'a', from: 'not_started', to: 'in_progress', note: 'Ringekveld hver måned' },
    { cause: board },
  )
  .add(
    'ProgressNoted',
    { measureId: 'a', note: 'Tre lokallag ringer fast', period: '2025' },
    { at: '2025-09-01' },
  )
  .add(
    'MeasureStruck',
    { measureId: 'x', reason: 'Slått sammen med 4.1.A' },
    { at: '2025-10-01', cause: board },
  )
  .add(
    'IndicatorMeasured',
    { goalId: 'g1', metric: 'members', value: 3394, at: '2025-12-31' },
    { at: '2026-01-10' },
  )
  // After the period: must not show.
  .add(
    'MeasureStatusChanged',
    { measureId: 'a', from: 'in_progress', to: 'done', note: 'Ferdig' },
    { at: '2026-04-01' },
  )
  .add('MeasureRetimed', { measureId: 'b', from: 'Høst 2025', to: '2026' }, { at: '2026-04-01' })
  .add(
    'IndicatorMeasured',
    { goalId: 'g1', metric: 'members', value: 4100, at: '2026-03-31' },
    { at: '2026-04-02' },
  );

const range = { from: '2025-03-08', to: '2026-03-13' };
const report = buildFollowUpReport(plan.rows, range)!;
const measure = (address: string) =>
  report.sections.flatMap((s) => s.measures).find((m) => m.address === address);

describe('buildFollowUpReport', () => {
  it('gives each measure its status on the last day of the period', () => {
    expect(report.plan).toMatchObject({ id: 'p', adoptedRevision: 2, edition: '2025' });
    expect(measure('4.2.A')).toMatchObject({
      status: 'in_progress',
      text: 'Nye medlemmer skal ringes to ganger i året',
    });
    expect(measure('4.1.A')).toMatchObject({
      status: 'in_progress',
      timing: 'Høst 2025',
      due: '2025-12-31',
      overdue: true,
      responsible: ['BSG', 'FS'],
    });
    expect(measure('4.1.B')).toBeUndefined();
    expect(report.totals).toMatchObject({ measures: 2, overdue: 1 });
    expect(report.totals.byStatus).toMatchObject({ in_progress: 2, done: 0 });
  });

  it('lists the work done in the period only', () => {
    expect(measure('4.2.A')!.work).toEqual([
      { at: '2025-06-01', status: 'in_progress', note: 'Ringekveld hver måned', period: null, by: 'test' },
      { at: '2025-09-01', status: null, note: 'Tre lokallag ringer fast', period: '2025', by: 'test' },
    ]);
    expect(measure('4.1.A')!.work).toEqual([]);
  });

  it('lists the changes in the period with their causes, addressed as they stood', () => {
    expect(report.changes.map((c) => [c.at, c.kind, c.address, c.cause?.kind ?? null, c.reason])).toEqual([
      ['2025-03-08', 'reworded', '4.2.A', 'meeting', null],
      ['2025-03-08', 'retimed', '4.1.A', 'meeting', null],
      ['2025-03-08', 'adopted', null, null, 'ÅM 08.03.2025'],
      ['2025-06-01', 'reassigned', '4.1.A', 'board_decision', 'Bystyregruppa leder dørbanken'],
      ['2025-10-01', 'removed', '4.1.B', 'board_decision', 'Slått sammen med 4.1.A'],
    ]);
    const reworded = report.changes[0]!;
    expect(reworded.parts!.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'minst 4' },
      { op: 'insert', text: 'to' },
    ]);
    expect(report.changes[1]).toMatchObject({ from: 'Vår 2024', to: 'Høst 2025' });
  });

  it('compares the latest measurement in the period with the target', () => {
    expect(report.indicators).toEqual([
      expect.objectContaining({
        address: '4.2.g1',
        target: { metric: 'members', value: 4000, by: '2027-12-31' },
        latest: expect.objectContaining({ value: 3394, at: '2025-12-31' }),
        reached: false,
      }),
    ]);
    expect(report.indicators[0]!.share).toBeCloseTo(3394 / 4000);
    const later = buildFollowUpReport(plan.rows, { from: '2026-01-01', to: '2026-12-31' })!;
    expect(later.indicators[0]).toMatchObject({
      latest: expect.objectContaining({ value: 4100 }),
      reached: true,
    });
  });

  it('is undefined before the plan existed', () => {
    expect(buildFollowUpReport(plan.rows, { from: '2023-01-01', to: '2023-12-31' })).toBeUndefined();
  });
});

describe('the rendered report', () => {
  const markdown = renderFollowUpReportMarkdown(report);
  const html = renderFollowUpReportHtml(report);

  it('is in Norwegian, with status, work, indicators and changes with their causes (Markdown)', () => {
    expect(markdown).toMatch(/^# Oppfølgingsrapport: Arbeidsplan 2024-2027/);
    expect(markdown).toContain('Rapportperiode: 08.03.2025–13.03.2026');
    expect(markdown).toContain('## Status per 13.03.2026');
    expect(markdown).toContain('| Pågår | 2 |');
    expect(markdown).toContain(
      '| 4.1.A | Lage en plan for systematisk dørbank | Høst 2025 (frist 31.12.2025) | BSG, FS | Pågår – forsinket |',
    );
    expect(markdown).toContain('- **4.2.A** 01.06.2025 – Status: Pågår: Ringekveld hver måned');
    expect(markdown).toContain('## Mål og indikatorer');
    expect(markdown).toContain('3 394 (31.12.2025)');
    expect(markdown).toContain('Ikke nådd (85 % av målet)');
    expect(markdown).toContain('## Endringer i perioden');
    expect(markdown).toContain('Omformulert: Nye medlemmer skal ringes ~~minst 4~~**to** ganger i året');
    expect(markdown).toContain('Møte oslo-sv-am-2025, endringsforslag 3');
    expect(markdown).toContain(
      'Nytt ansvar: FS → BSG, FS. Begrunnelse: Bystyregruppa leder dørbanken | Styrevedtak FS-sak 41/25',
    );
    expect(markdown).not.toContain('Ferdig');
  });

  it('escapes text from the plan in Markdown', () => {
    expect(markdown).toContain('Strøket: «Stand \\<script\\>alert(1)\\</script\\> \\| på torget»');
    expect(markdown).not.toContain('<script>');
  });

  it('is one printable HTML page with no external assets, every text escaped', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/);
    expect(html).toContain('<title>Oppfølgingsrapport: Arbeidsplan 2024-2027</title>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|<script|src=|@import|url\(/);
    expect(html).toContain('Stand &lt;script&gt;alert(1)&lt;/script&gt; | på torget');
    expect(html).toContain('<h2>Status per 13.03.2026</h2>');
    expect(html).toContain('<h2>Endringer i perioden</h2>');
    expect(html).toContain('<del>minst 4</del><ins>to</ins>');
    expect(html).toContain('<td>Styrevedtak FS-sak 41/25</td>');
    expect(html).toContain('Pågår <span class="overdue">forsinket</span>');
  });

  it('says so when nothing changed in a period', () => {
    const quiet = buildFollowUpReport(plan.rows, { from: '2025-11-01', to: '2025-12-31' })!;
    expect(quiet.changes).toEqual([]);
    expect(renderFollowUpReportMarkdown(quiet)).toContain('Ingen endringer i perioden.');
  });
});
