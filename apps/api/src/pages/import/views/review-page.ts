import { formatPeriodNb } from '@app/read-models';
import type { PlanDocument, SectionDoc } from '@app/plan-document';
import {
  reviewElements,
  reviewElementsByLine,
  type ImportCorrection,
  type ImportReport,
  type LineAccount,
  type LineKind,
  type ReviewElement,
} from '@app/text-import';
import { countNb } from '../../format.js';
import { html, type Html } from '../../html.js';
import { layout } from '../../views/layout.js';
import type { ImportPageShell } from './import-page.js';

/** What the review shows: the plan as read (and corrected so far), and the upload to send again. */
export interface ReviewModel {
  readonly document: PlanDocument;
  readonly report?: ImportReport;
  readonly sourceLines: readonly string[];
  readonly corrections: readonly ImportCorrection[];
  /** Corrections kept from an earlier import of the same file were applied. */
  readonly reused: boolean;
  /** The file as uploaded (base64), sent again with the form. */
  readonly fileBase64: string;
  readonly sourceName: string;
  readonly org?: string;
  readonly id?: string;
  /** Whether the visitor may import into the plan's organisation. */
  readonly mayImport: boolean;
}

const KIND_NB: Record<LineKind, string> = {
  title: 'tittel',
  header: 'om planen',
  heading: 'overskrift',
  label: 'merkelapp',
  intro: 'innledning',
  goal: 'mål',
  measure: 'tiltak',
  timing: 'tid',
  responsible: 'ansvar',
  bodies: 'organer',
  measurement: 'tall',
  blank: '',
  'left-out': 'utelatt',
};

const FORMAT_NB: Record<string, string> = {
  docx: 'Word',
  odt: 'LibreOffice (ODF)',
  pdf: 'PDF',
  md: 'Markdown',
  text: 'tekst',
};

/** Lines a plan editor may take into the plan as a goal or measure: prose, and what was left out. */
const TAKEABLE: ReadonlySet<LineKind> = new Set(['intro', 'left-out']);

/**
 * The review before an import: every line of the source beside what it became (a goal or a
 * measure with its timing and Ansvar, a heading, left out and why), with a correction for each
 * goal and measure (what it is, timing, Ansvar, section, joined to the one before, split) and
 * for each line left out (take it as a goal or measure). One form: "Vis rettelsene" reads the
 * file again with the corrections, "Importer planen" imports it as corrected.
 */
export function reviewPage(shell: ImportPageShell, model: ReviewModel): Html {
  const { document, report } = model;
  const plan = document.plan;
  const csrf = shell.visitor.csrf;
  return layout({
    title: `Gjennomgang: ${plan.title}`,
    ...shell,
    crumbs: [
      { label: 'Forside', href: '/' },
      { label: 'Importer en plan', href: '/import' },
      { label: 'Gjennomgang' },
    ],
    body: html`<h1>Gjennomgang før import</h1>
      <p class="lead">
        «${model.sourceName}»${report?.format ? html` (${FORMAT_NB[report.format] ?? report.format})` : ''}:
        ${plan.title}${periodText(plan.title, plan.period)}, for <code>${plan.org}</code>, som plan
        <code>${plan.id}</code>.
      </p>
      ${summary(document, report, model)}
      <form
        method="post"
        action="/import/gjennomgang"
        enctype="multipart/form-data"
        class="review-form"
        id="review"
      >
        ${csrf ? html`<input type="hidden" name="_csrf" value="${csrf}" />` : ''}
        <input type="hidden" name="fileBase64" value="${model.fileBase64}" />
        <input type="hidden" name="sourceName" value="${model.sourceName}" />
        ${model.org ? html`<input type="hidden" name="org" value="${model.org}" />` : ''}
        ${model.id ? html`<input type="hidden" name="id" value="${model.id}" />` : ''}
        <input type="hidden" name="corrections" value="${JSON.stringify(model.corrections)}" />
        ${actions(model)} ${report ? sourceTable(document, report, model.sourceLines) : planOutline(document)}
        ${actions(model)}
      </form>`,
  });
}

/** The plan's period, unless its title says it already. */
function periodText(title: string, period: { from: number; to: number }): string {
  const years = [String(period.from), String(period.to)];
  if (years.every((y) => title.includes(y))) return '';
  return `, ${formatPeriodNb(period)}`;
}

function summary(document: PlanDocument, report: ImportReport | undefined, model: ReviewModel): Html {
  const lines = report?.lines ?? [];
  const leftOut = lines.filter((l) => l.kind === 'left-out').length;
  const parties = report ? namedParties(reviewElements(document, report)) : [];
  return html`<ul class="review-summary">
      <li>
        ${countNb(countSections(document.sections), 'kapittel', 'kapitler')}, ${report?.goals ?? 0} mål og
        ${report?.measures ?? 0} tiltak
      </li>
      ${report ? html`<li>${lines.length} linjer lest, ${leftOut} utelatt (grunnen står ved linjen)</li>` : ''}
      ${
        model.corrections.length > 0
          ? html`<li>
              ${countNb(model.corrections.length, 'rettelse', 'rettelser')}
              ${model.reused ? 'fra forrige import av samme fil er brukt' : 'er tatt med'}
            </li>`
          : ''
      }
    </ul>
    ${parties.length > 0 ? partiesForm(parties) : ''}
    ${
      report && report.issues.length > 0
        ? html`<details class="review-issues">
            <summary>${countNb(report.issues.length, 'merknad', 'merknader')} fra innlesingen</summary>
            <ul>
              ${report.issues.map((i) => html`<li>Linje ${i.line}: ${i.message}</li>`)}
            </ul>
          </details>`
        : ''
    }`;
}

function actions(model: ReviewModel): Html {
  return html`<p class="review-actions">
    <button type="submit">Vis rettelsene</button>
    ${
      model.mayImport
        ? html`<button type="submit" formaction="/import/lagre" class="primary">Importer planen</button>`
        : html`<span class="hint"
            >Du kan se gjennom planen, men å importere den krever rollen planredaktør i
            ${model.document.plan.org}.</span
          >`
    }
  </p>`;
}

function sourceTable(document: PlanDocument, report: ImportReport, sourceLines: readonly string[]): Html {
  const accounts = new Map<number, LineAccount>((report.lines ?? []).map((a) => [a.line, a]));
  const starts = reviewElementsByLine(document, report);
  const sections = allSectionNumbers(document.sections);
  return html`<div class="table-scroll">
    <table class="data review-table">
      <caption>
        Kilden linje for linje, og hva den ble
      </caption>
      <thead>
        <tr>
          <th class="num">Linje</th>
          <th>I dokumentet</th>
          <th>Ble til</th>
          <th>Rett</th>
        </tr>
      </thead>
      <tbody>
        ${sourceLines.map((text, i) => {
          const line = i + 1;
          const account = accounts.get(line);
          const elements = starts.get(line) ?? [];
          // A correction names the line: it corrects the first element that begins there.
          const element = elements[0];
          if (!account || (account.kind === 'blank' && text.trim() === '')) return '';
          return html`<tr class="kind-${account.kind}${element ? ' element-start' : ''}" id="linje-${line}">
            <td class="num">${line}</td>
            <td class="source-text">${text}</td>
            <td>${foundCell(account, elements)}</td>
            <td>
              ${element ? elementForm(element, sections) : TAKEABLE.has(account.kind) && text.trim() !== '' ? takeForm(line) : ''}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

function foundCell(account: LineAccount, elements: readonly ReviewElement[]): Html {
  const kindOf = (kind: LineAccount['kind'], ref: string | undefined): Html =>
    html`<span class="found-kind">${KIND_NB[kind]}</span>${ref ? html` <code>${ref}</code>` : ''}`;
  const what = kindOf(account.kind, account.ref);
  if (account.kind === 'left-out')
    return html`${what}<br /><span class="hint">${account.reason ?? ''}</span>`;
  if (elements.length === 0) return what;
  return html`${elements.map(
    (element, i) =>
      html`${i > 0 ? html`<div class="found-also">${kindOf(element.kind, element.ref)}</div>` : what}
        <div class="found-element">${element.text}</div>
        ${
          element.kind === 'measure'
            ? html`<div class="hint">
                Tid: ${element.timing || '–'} · Ansvar: ${element.responsible || 'ingen'}
              </div>`
            : ''
        }`,
  )}`;
}

function kindSelect(name: string, current: string, options: ReadonlyArray<readonly [string, string]>): Html {
  return html`<select name="${name}" aria-label="Hva linjen er">
    ${options.map(([value, label]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`)}
  </select>`;
}

function sectionSelect(line: number, current: string, sections: readonly string[]): Html {
  return html`<label
    >Kapittel
    <select name="section.${line}">
      ${sections.map((n) => html`<option value="${n}" ${n === current ? html`selected` : ''}>${n}</option>`)}
    </select></label
  >`;
}

function elementForm(element: ReviewElement, sections: readonly string[]): Html {
  const line = element.line;
  return html`<details class="correct">
    <summary>Rett linje ${line}</summary>
    <div class="correct-fields">
      ${kindSelect(`kind.${line}`, element.kind, [
        ['measure', 'Tiltak'],
        ['goal', 'Mål'],
        ['left-out', 'Ikke en del av planen'],
      ])}
      ${
        element.kind === 'measure'
          ? html`<label>Tid <input name="timing.${line}" value="${element.timing}" /></label>
              <label>Ansvar <input name="ansvar.${line}" value="${element.responsible}" /></label>`
          : ''
      }
      ${sectionSelect(line, element.section, sections)}
      <label><input type="checkbox" name="merge.${line}" value="1" /> Slå sammen med det foran</label>
      <label>Del der denne teksten begynner <input name="split.${line}" /></label>
    </div>
  </details>`;
}

/** A line the reader did not take: taken as a goal or measure of the section it stands in. */
function takeForm(line: number): Html {
  return html`<details class="correct">
    <summary>Ta med</summary>
    <div class="correct-fields">
      ${kindSelect(`kind.${line}`, '', [
        ['', 'Som nå'],
        ['measure', 'Som tiltak'],
        ['goal', 'Som mål'],
      ])}
    </div>
  </details>`;
}

/** A plan document without a report (a YAML plan document): its outline, nothing to correct. */
function planOutline(document: PlanDocument): Html {
  const section = (s: SectionDoc): Html =>
    html`<li>
      ${s.number} ${s.title} (${s.goals?.length ?? 0} mål, ${s.measures?.length ?? 0} tiltak)
      ${
        s.sections?.length
          ? html`<ul>
              ${s.sections.map(section)}
            </ul>`
          : ''
      }
    </li>`;
  return html`<ul class="plan-outline">
    ${document.sections.map(section)}
  </ul>`;
}

function countSections(list: readonly SectionDoc[]): number {
  return list.reduce((n, s) => n + 1 + countSections(s.sections ?? []), 0);
}

function allSectionNumbers(list: readonly SectionDoc[]): string[] {
  return list.flatMap((s) => [s.number, ...allSectionNumbers(s.sections ?? [])]);
}

/** Each named responsible party with the line of the first measure naming it. */
function namedParties(elements: readonly ReviewElement[]): Array<{ party: string; line: number; k: number }> {
  const seen = new Map<string, { party: string; line: number; k: number }>();
  for (const e of elements)
    e.parties.forEach((party, k) => {
      if (!seen.has(party.toLowerCase())) seen.set(party.toLowerCase(), { party, line: e.line, k });
    });
  return [...seen.values()];
}

/**
 * The responsible parties that are not bodies of the plan, each offered to be declared one with
 * a code: then every measure naming it has the body, and follow-up by body counts it.
 */
function partiesForm(parties: ReadonlyArray<{ party: string; line: number; k: number }>): Html {
  return html`<details class="review-parties">
    <summary>
      ${parties.length === 1 ? 'Én ansvarlig er ikke et organ' : `${parties.length} ansvarlige er ikke organer`}
      i planen: ${parties.map((p) => p.party).join(', ')}
    </summary>
    <p>
      De blir med som navngitte ansvarlige. Skal et av dem følges opp som organ, gi det en kode (for eksempel
      ST for styret), så får planen organet og tiltakene det har ansvar for.
    </p>
    <ul class="party-list">
      ${parties.map(
        (p) =>
          html`<li>
            <input type="hidden" name="party.${p.line}.${p.k}" value="${p.party}" form="review" />
            <label>${p.party}: kode <input name="body.${p.line}.${p.k}" size="8" form="review" /></label>
          </li>`,
      )}
    </ul>
  </details>`;
}
