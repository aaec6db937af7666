import { describe, expect, it } from '@jest/globals';
import type { DiffPart } from '@app/domain';
import { createdPlan } from '../__fixtures__/history-rows.js';
import type { HistoryRow } from '../plan-history/history-row.js';
import { foldTimeline } from '../plan-view/plan-timeline.js';
import { renderPlanView, type PlanView } from '../plan-view/plan-view.js';
import { diffPlans } from './diff-plans.js';
import { renderPlanDiffMarkdown } from './render-diff-markdown.js';

const view = (rows: readonly HistoryRow[], today = '2026-01-01'): PlanView =>
  renderPlanView(foldTimeline(rows), today)!;
const joined = (parts: DiffPart[], keep: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffPlans within one plan (matched by id)', () => {
  const plan = createdPlan('p')
    .add('SectionAdded', { sectionId: 's1', number: '4.1', title: 'Direkte velgerkontakt' })
    .add('SectionAdded', { sectionId: 's2', number: '4.2', title: 'Medlemmer' })
    .add('GoalAdded', {
      goalId: 'g1',
      sectionId: 's2',
      text: 'Oslo SV skal ha 4000 medlemmer',
      target: { metric: 'members', value: 4000 },
    })
    .add('GoalAdded', { goalId: 'g2', sectionId: 's1', text: 'Flere samtaler med velgere' });
  const measures: Array<[string, string, string, string, string, string[]]> = [
    ['a', 's2', 'A', 'Nye medlemmer skal ringes minst 4 ganger i året', 'Kontinuerlig', ['FS', 'LL']],
    ['b', 's1', 'A', 'Lage en plan for systematisk dørbank', 'Vår 2024', ['FS']],
    ['c', 's1', 'B', 'Dørbank i alle bydeler', '2025', ['LL']],
    ['d', 's2', 'B', 'Velkomstmøte for nye medlemmer', 'Årlig', ['LL']],
    ['e', 's1', 'C', 'Stand på torget hver lørdag', 'Kontinuerlig', ['LL']],
    ['f', 's1', 'D', 'Valgkampskolering for tillitsvalgte', '2025', ['FS']],
  ];
  for (const [measureId, sectionId, label, text, timing, responsible] of measures)
    plan.add('MeasureAdded', { measureId, sectionId, label, text, timing, responsible });
  plan.add('PlanAdopted', { revision: 1, body: 'ÅM', date: '2024-03-09' });
  const revision1 = plan.snapshot();

  plan
    .add('MeasureReworded', {
      measureId: 'a',
      from: 'Nye medlemmer skal ringes minst 4 ganger i året',
      to: 'Nye medlemmer skal ringes to ganger i året',
    })
    .add('MeasureRetimed', { measureId: 'b', from: 'Vår 2024', to: 'Høst 2025' })
    .add('MeasureReassigned', { measureId: 'c', from: ['LL'], to: ['BSG', 'LL'], reason: 'Gruppa leder' })
    .add('MeasureMoved', {
      measureId: 'd',
      fromSectionId: 's2',
      toSectionId: 's1',
      fromLabel: 'B',
      toLabel: 'E',
    })
    .add('MeasureStruck', { measureId: 'e', reason: 'Gjennomført' })
    .add('MeasureAdded', {
      measureId: 'g',
      sectionId: 's2',
      label: 'C',
      text: 'Pilot på medlemsverving i to bydeler',
      timing: 'Høst 2025',
      responsible: ['BSG'],
    })
    .add('SectionRetitled', { sectionId: 's2', from: 'Medlemmer', to: 'Medlemsmobilisering' })
    .add('SectionAdded', { sectionId: 's3', number: '4.3', title: 'Skolering' })
    .add('GoalReworded', {
      goalId: 'g1',
      from: 'Oslo SV skal ha 4000 medlemmer',
      to: 'Oslo SV skal ha 4500 medlemmer',
    })
    .add('GoalTargetSet', {
      goalId: 'g1',
      from: { metric: 'members', value: 4000 },
      to: { metric: 'members', value: 4500, by: '2027-12-31' },
    })
    .add('GoalAdded', { goalId: 'g3', sectionId: 's3', text: 'Alle tillitsvalgte skal skoleres' })
    .add('PlanAdopted', { revision: 2, body: 'ÅM', date: '2025-03-08', edition: '2025' });
  const revision2 = plan.snapshot();

  const diff = diffPlans(view(revision1), view(revision2));

  it('names both sides', () => {
    expect(diff.kind).toBe('revisions');
    expect(diff.from).toMatchObject({ planId: 'p', adoptedRevision: 1, edition: null });
    expect(diff.to).toMatchObject({ planId: 'p', adoptedRevision: 2, edition: '2025' });
    expect(diff.lineage).toBeNull();
    expect(diff.title).toBeNull();
  });

  it('lists exactly the measures added, removed, reworded, retimed, reassigned and moved', () => {
    expect(diff.measures.added.map((m) => [m.id, m.address])).toEqual([['g', '4.2.C']]);
    expect(diff.measures.removed.map((m) => [m.id, m.address])).toEqual([['e', '4.1.C']]);
    expect(diff.measures.reworded.map((m) => m.toId)).toEqual(['a']);
    expect(diff.measures.retimed).toEqual([
      { fromId: 'b', toId: 'b', fromAddress: '4.1.A', toAddress: '4.1.A', from: 'Vår 2024', to: 'Høst 2025' },
    ]);
    expect(diff.measures.reassigned).toEqual([
      expect.objectContaining({ toId: 'c', from: ['LL'], to: ['BSG', 'LL'] }),
    ]);
    expect(diff.measures.moved).toEqual([
      { fromId: 'd', toId: 'd', fromAddress: '4.2.B', toAddress: '4.1.E' },
    ]);
    expect(diff.unchanged.measures).toBe(1);
  });

  it('gives the word diff of a rewording', () => {
    const [reworded] = diff.measures.reworded;
    expect(reworded).toMatchObject({
      from: 'Nye medlemmer skal ringes minst 4 ganger i året',
      to: 'Nye medlemmer skal ringes to ganger i året',
    });
    expect(joined(reworded!.parts, 'delete')).toBe(reworded!.from);
    expect(joined(reworded!.parts, 'insert')).toBe(reworded!.to);
    expect(reworded!.parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'minst 4' },
      { op: 'insert', text: 'to' },
    ]);
  });

  it('lists sections added and retitled, goals reworded, with new targets and added', () => {
    expect(diff.sections.added).toEqual([{ id: 's3', number: '4.3', title: 'Skolering' }]);
    expect(diff.sections.removed).toEqual([]);
    expect(diff.sections.retitled).toEqual([
      expect.objectContaining({ toNumber: '4.2', from: 'Medlemmer', to: 'Medlemsmobilisering' }),
    ]);
    expect(diff.sections.renumbered).toEqual([]);
    expect(diff.unchanged.sections).toBe(1);
    expect(diff.goals.added.map((g) => [g.id, g.address])).toEqual([['g3', '4.3.g1']]);
    expect(diff.goals.removed).toEqual([]);
    expect(diff.goals.reworded.map((g) => [g.toId, g.to])).toEqual([
      ['g1', 'Oslo SV skal ha 4500 medlemmer'],
    ]);
    expect(diff.goals.targetChanged).toEqual([
      expect.objectContaining({
        toId: 'g1',
        from: { metric: 'members', value: 4000 },
        to: { metric: 'members', value: 4500, by: '2027-12-31' },
      }),
    ]);
    expect(diff.unchanged.goals).toBe(1);
  });

  it('finds nothing between a plan and itself, and counts every element unchanged', () => {
    const same = diffPlans(view(revision2), view(revision2));
    const lists = [same.sections, same.goals, same.measures].flatMap((group) => Object.values(group));
    expect(lists.every((list) => list.length === 0)).toBe(true);
    expect(same.unchanged).toEqual({ sections: 3, goals: 3, measures: 6 });
  });

  it('reads the other way round as the inverse', () => {
    const back = diffPlans(view(revision2), view(revision1));
    expect(back.measures.added.map((m) => m.id)).toEqual(['e']);
    expect(back.measures.removed.map((m) => m.id)).toEqual(['g']);
    expect(back.measures.retimed[0]).toMatchObject({ from: 'Høst 2025', to: 'Vår 2024' });
    expect(back.sections.removed.map((s) => s.number)).toEqual(['4.3']);
  });

  it('renders Markdown for the board with Norwegian labels', () => {
    const markdown = renderPlanDiffMarkdown(diff);
    expect(markdown).toContain('Lagt til: 4.2.C Pilot på medlemsverving i to bydeler');
    expect(markdown).toContain('Strøket: 4.1.C Stand på torget hver lørdag');
    expect(markdown).toContain(
      'Omformulert: 4.2.A Nye medlemmer skal ringes ~~minst 4~~**to** ganger i året',
    );
    expect(markdown).toContain('Ny tid: 4.1.A «Vår 2024» → «Høst 2025»');
    expect(markdown).toContain('Nytt ansvar: 4.1.B LL → BSG, LL');
    expect(markdown).toContain('Flyttet: 4.2.B → 4.1.E');
  });
});

describe('diffPlans between a plan and its successor (matched by text)', () => {
  const previous = createdPlan('old', 'Arbeidsplan 2020-2023')
    .add('SectionAdded', { sectionId: 'o1', number: '3', title: 'Medlemsarbeid' })
    .add('SectionAdded', { sectionId: 'o2', number: '4', title: 'Valgkamp' });
  const oldMeasures: Array<[string, string, string, string, string[]]> = [
    ['o1', 'A', 'Alle nye medlemmer skal få en velkomstsamtale innen en måned', 'Kontinuerlig', ['LL']],
    ['o1', 'B', 'Fylkeslaget skal arrangere sommerfest for medlemmene hvert år', 'Årlig', ['FS']],
    ['o2', 'A', 'Lokallagene skal stå på stand i hver bydel i valgkampen', '2023', ['LL']],
    ['o2', 'B', 'Fylkesstyret skal utgi en trykt avis til alle husstander', '2023', ['FS']],
  ];
  oldMeasures.forEach(([sectionId, label, text, timing, responsible], i) =>
    previous.add('MeasureAdded', { measureId: `old-${i}`, sectionId, label, text, timing, responsible }),
  );
  const next = createdPlan('new', 'Arbeidsplan 2024-2027')
    .add('SectionAdded', { sectionId: 'n1', number: '4.1', title: 'Medlemsarbeid' })
    .add('SectionAdded', { sectionId: 'n2', number: '4.2', title: 'Valgkamp og velgerkontakt' });
  const newMeasures: Array<[string, string, string, string, string[]]> = [
    ['n1', 'A', 'Alle nye medlemmer skal få en velkomstsamtale innen en måned', 'Kontinuerlig', ['LL']],
    ['n1', 'B', 'Fylkeslaget skal arrangere sommerfest og julebord for medlemmene hvert år', 'Årlig', ['FS']],
    ['n2', 'A', 'Lokallagene skal stå på stand i hver bydel i valgkampen', '2027', ['LL', 'BSG']],
    ['n2', 'B', 'Bystyregruppa skal holde åpne møter om budsjettet hver høst', 'Høst 2025', ['BSG']],
  ];
  newMeasures.forEach(([sectionId, label, text, timing, responsible], i) =>
    next.add('MeasureAdded', { measureId: `new-${i}`, sectionId, label, text, timing, responsible }),
  );
  const diff = diffPlans(view(previous.rows), view(next.rows));

  it('links each measure: unchanged, reworded with its score, new and dropped', () => {
    expect(diff.kind).toBe('successor');
    const links = diff.lineage!.measures.map((l) => ({
      kind: l.kind,
      from: l.from.map((m) => m.address),
      to: l.to.map((m) => m.address),
    }));
    expect(links).toEqual([
      { kind: 'unchanged', from: ['3.A'], to: ['4.1.A'] },
      { kind: 'reworded', from: ['3.B'], to: ['4.1.B'] },
      { kind: 'unchanged', from: ['4.A'], to: ['4.2.A'] },
      { kind: 'dropped', from: ['4.B'], to: [] },
      { kind: 'new', from: [], to: ['4.2.B'] },
    ]);
    const reworded = diff.lineage!.measures[1]!;
    expect(reworded.score).toBeGreaterThan(0.35);
    expect(reworded.score).toBeLessThan(1);
    expect(reworded.parts!.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual([
      'og julebord',
    ]);
  });

  it('reports the continued measures as changes and the rest as added and removed', () => {
    expect(diff.measures.added.map((m) => m.id)).toEqual(['new-3']);
    expect(diff.measures.removed.map((m) => m.id)).toEqual(['old-3']);
    expect(diff.measures.reworded.map((m) => [m.fromId, m.toId])).toEqual([['old-1', 'new-1']]);
    expect(diff.measures.retimed.map((m) => [m.fromAddress, m.from, m.to])).toEqual([
      ['4.A', '2023', '2027'],
    ]);
    expect(diff.measures.reassigned.map((m) => m.to)).toEqual([['LL', 'BSG']]);
    expect(diff.measures.moved.map((m) => [m.fromAddress, m.toAddress])).toEqual([
      ['3.A', '4.1.A'],
      ['3.B', '4.1.B'],
      ['4.A', '4.2.A'],
    ]);
    expect(diff.title?.to).toBe('Arbeidsplan 2024-2027');
  });

  it('matches sections by title first, then by number', () => {
    expect(diff.sections.renumbered).toEqual([expect.objectContaining({ fromNumber: '3', toNumber: '4.1' })]);
    expect(diff.sections.added.map((s) => s.number)).toEqual(['4.2']);
    expect(diff.sections.removed.map((s) => s.number)).toEqual(['4']);
  });

  it('uses confirmed links instead of suggestions when given', () => {
    const confirmed = diffPlans(view(previous.rows), view(next.rows), {
      links: [
        { from: ['old-3'], to: ['new-3'], kind: 'reworded', score: 0.1 },
        { from: ['old-0', 'old-1'], to: ['new-0'], kind: 'merged', score: 0.7 },
      ],
    });
    expect(confirmed.measures.reworded.map((m) => [m.fromId, m.toId])).toEqual([['old-3', 'new-3']]);
    // Merged sources are linked, not removed; measures no link names are added or removed.
    expect(confirmed.measures.removed.map((m) => m.id)).toEqual(['old-2']);
    expect(confirmed.measures.added.map((m) => m.id)).toEqual(['new-1', 'new-2']);
    expect(confirmed.lineage!.measures.map((l) => l.kind)).toEqual(['reworded', 'merged']);
  });
});
