import {
  CHANGE_LABEL_NB,
  LINEAGE_LABEL_NB,
  diffPartsMarkdown,
  escapeMarkdown as md,
  formatTargetNb,
} from '../report-format/report-format.js';
import type { DiffSide, PlanDiff } from './diff-plans.js';

function sideName(side: DiffSide): string {
  const edition = side.edition ? `, utgave ${side.edition}` : '';
  const revision = side.adoptedRevision > 0 ? `, vedtatt revisjon ${side.adoptedRevision}` : ', utkast';
  return `${md(side.title)} (${md(side.planId)}${md(edition)}${revision})`;
}

/** The diff as Markdown for board members, with Norwegian labels ("Lagt til", "Omformulert"...). */
export function renderPlanDiffMarkdown(diff: PlanDiff): string {
  const out: string[] = [];
  // Between two plans an element on one side only is new or not carried on, not added or struck.
  const L =
    diff.kind === 'successor'
      ? { ...CHANGE_LABEL_NB, added: LINEAGE_LABEL_NB.new, removed: LINEAGE_LABEL_NB.dropped }
      : CHANGE_LABEL_NB;
  out.push(`# Endringer i planen`, '');
  out.push(`Fra: ${sideName(diff.from)}  `, `Til: ${sideName(diff.to)}`, '');
  if (diff.title) out.push(`**${L.retitled}:** ${diffPartsMarkdown(diff.title.parts)}`, '');

  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`## ${title}`, '', ...lines, '');
  };
  const s = diff.sections;
  section('Kapitler', [
    ...s.added.map((x) => `- ${L.added}: ${md(x.number)} ${md(x.title)}`),
    ...s.removed.map((x) => `- ${L.removed}: ${md(x.number)} ${md(x.title)}`),
    ...s.retitled.map((x) => `- ${L.retitled}: ${md(x.toNumber)} «${md(x.from)}» → «${md(x.to)}»`),
    ...s.introRevised.map((x) => `- ${L.introRevised}: ${md(x.toNumber)} ${diffPartsMarkdown(x.parts)}`),
    ...s.renumbered.map((x) => `- ${L.renumbered}: ${md(x.title)} ${md(x.fromNumber)} → ${md(x.toNumber)}`),
  ]);
  const g = diff.goals;
  section('Mål', [
    ...g.added.map((x) => `- ${L.added}: ${md(x.address)} ${md(x.text)}`),
    ...g.removed.map((x) => `- ${L.removed}: ${md(x.address)} ${md(x.text)}`),
    ...g.reworded.map((x) => `- ${L.reworded}: ${md(x.toAddress)} ${diffPartsMarkdown(x.parts)}`),
    ...g.targetChanged.map(
      (x) =>
        `- ${L.targetChanged}: ${md(x.toAddress)} ${md(formatTargetNb(x.from) || '–')} → ${md(formatTargetNb(x.to) || '–')}`,
    ),
  ]);
  const m = diff.measures;
  section('Tiltak', [
    ...m.added.map((x) => `- ${L.added}: ${md(x.address)} ${md(x.text)}`),
    ...m.removed.map((x) => `- ${L.removed}: ${md(x.address)} ${md(x.text)}`),
    ...m.reworded.map((x) => `- ${L.reworded}: ${md(x.toAddress)} ${diffPartsMarkdown(x.parts)}`),
    ...m.retimed.map((x) => `- ${L.retimed}: ${md(x.toAddress)} «${md(x.from)}» → «${md(x.to)}»`),
    ...m.reassigned.map(
      (x) =>
        `- ${L.reassigned}: ${md(x.toAddress)} ${md(x.from.join(', ') || '–')} → ${md(x.to.join(', ') || '–')}`,
    ),
    ...m.moved.map((x) => `- ${L.moved}: ${md(x.fromAddress)} → ${md(x.toAddress)}`),
  ]);
  if (diff.lineage) {
    const lines = diff.lineage.measures.map((link) => {
      const from = link.from.map((x) => md(x.address)).join(' + ') || '–';
      const to = link.to.map((x) => md(x.address)).join(' + ') || '–';
      const score =
        link.kind === 'new' || link.kind === 'dropped' ? '' : ` (likhet ${link.score.toFixed(2)})`;
      return `- ${LINEAGE_LABEL_NB[link.kind]}: ${from} → ${to}${score}`;
    });
    section('Videreføring av tiltak', lines);
  }
  const u = diff.unchanged;
  out.push(`${L.unchanged}: ${u.sections} kapitler, ${u.goals} mål, ${u.measures} tiltak.`, '');
  return out.join('\n');
}
