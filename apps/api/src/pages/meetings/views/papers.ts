import type { MeetingPapers, PaperLine } from '@app/domain';
import { amendmentOpLabel, flattenMeasures, type AmendmentView } from '@app/read-models';
import { html, raw, type Html } from '../../html.js';
import { statusBadge } from '../../views/components.js';
import { layout, type Visitor } from '../../views/layout.js';
import type { MeetingContext } from '../meeting-page-data.js';
import { allAmendments, amendmentStatusBadge, meetingName } from './amendment.js';
import { filingForm, type FilingFormModel } from './filing-form.js';
import { meetingLinks } from './meeting.js';

export interface PapersPageModel extends MeetingContext {
  readonly papers: MeetingContext['papers'];
  readonly sheets: MeetingPapers;
  readonly canLead: boolean;
  readonly csrf: string | undefined;
  readonly visitor: Visitor;
  readonly filing?: FilingFormModel;
}

/** Consecutive lines of one element (or of none): the blocks the papers are drawn in. */
function blocks(lines: readonly PaperLine[]): PaperLine[][] {
  const out: PaperLine[][] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last[0]!.element?.id === line.element?.id) last.push(line);
    else out.push([line]);
  }
  return out;
}

function lineNumber(line: PaperLine): Html {
  return line.no === null
    ? html`<span class="ln ln-none" aria-hidden="true"></span>`
    : html`<a class="ln" id="linje-${line.no}" href="#linje-${line.no}" data-cite="${line.no}"
        ><span class="visually-hidden">Linje </span>${line.no}</a
      >`;
}

function lineHtml(line: PaperLine, label: string | undefined): Html {
  const classes = `paper-line kind-${line.kind}${line.start ? ' start' : ''}${line.bullet ? ' bullet' : ''} depth-${Math.min(line.depth, 4)}`;
  const text = html`${line.kind === 'measure' && line.start && label ? html`<strong class="label">${label}.</strong> ` : ''}${line.text}`;
  if (line.kind === 'heading' && line.start) {
    const tag = `h${Math.min(line.depth + 2, 6)}`;
    return html`${raw(`<${tag} class="${classes}">`)}${lineNumber(line)}<span class="lt">${text}</span
      >${raw(`</${tag}>`)}`;
  }
  return html`<div class="${classes}">${lineNumber(line)}<span class="lt">${text}</span></div>`;
}

/** Under an element: its follow-up status from the board, and the amendments filed against it. */
function notes(
  ctx: PapersPageModel,
  elementId: string,
  kind: string,
  amendments: readonly AmendmentView[],
): Html {
  const measure =
    kind === 'measure' ? flattenMeasures(ctx.plan.sections).find((m) => m.id === elementId) : undefined;
  if (!measure && amendments.length === 0) return html``;
  return html`<div class="paper-notes">
    ${measure ? html`<p class="follow-up-status">Oppfølging: ${statusBadge(measure.status)}${measure.statusNote ? html` <span class="muted">${measure.statusNote}</span>` : ''}</p>` : ''}
    ${
      amendments.length > 0
        ? html`<ul class="paper-amendments" aria-label="Endringsforslag">
            ${amendments.map(
              (a) =>
                html`<li>
                  <a href="/mote/${ctx.meeting.id}#forslag-${a.no}">Forslag ${a.no}</a>
                  ${amendmentOpLabel(a.op).toLocaleLowerCase('nb')}${a.proposer ? ` (${a.proposer})` : ''}
                  ${amendmentStatusBadge(a, `papir-forslag-${a.no}-status`)}
                </li>`,
            )}
          </ul>`
        : ''
    }
  </div>`;
}

/** The papers as a document: numbered lines in the margin, each element with its follow-up and its amendments. */
export function papersDocument(ctx: PapersPageModel): Html {
  const labels = new Map(ctx.sheets.elements.flatMap((e) => (e.label ? [[e.id, e.label] as const] : [])));
  const byTarget = new Map<string, AmendmentView[]>();
  for (const a of allAmendments(ctx.meeting))
    byTarget.set(a.target.id, [...(byTarget.get(a.target.id) ?? []), a]);
  return html`<div class="papers" lang="nb">
    ${blocks(ctx.sheets.lines).map((group) => {
      const element = group[0]!.element;
      const lines = group.map((l) => lineHtml(l, element ? labels.get(element.id) : undefined));
      if (!element) return html`<div class="paper-block">${lines}</div>`;
      return html`<div
        class="paper-block element-${element.kind}"
        id="sak-${element.kind}-${element.address}"
        data-cite="${element.kind}:${element.address}"
        data-address="${element.address}"
        data-kind="${element.kind}"
      >
        ${lines} ${notes(ctx, element.id, element.kind, byTarget.get(element.id) ?? [])}
      </div>`;
    })}
  </div>`;
}

/** The meeting papers (sakspapir) as a page: printable, readable on a phone, with the filing form. */
export function papersPage(model: PapersPageModel): Html {
  const { meeting, plan } = model;
  const org = model.organisations.find((o) => o.id === meeting.organisationId);
  const base = `/mote/${meeting.id}/sakspapir`;
  return layout({
    title: `Sakspapir – ${meetingName(meeting)}`,
    meeting: true,
    organisations: model.organisations,
    currentOrgId: meeting.organisationId,
    visitor: model.visitor,
    crumbs: [
      { label: org?.name ?? meeting.organisationId, href: `/org/${meeting.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: meetingName(meeting), href: `/mote/${meeting.id}` },
      { label: 'Sakspapir' },
    ],
    body: html`<h1>Sakspapir: ${model.sheets.title}</h1>
      <p class="lead">
        Til ${meetingName(meeting)}. Endringsforslag viser til linjenumrene i margen
        ${model.sheets.numbering === 'document' ? '(de samme som i dokumentet planen ble lest fra)' : ''}.
        Under hvert tiltak står oppfølgingen fra styret og forslagene som er fremmet til det.
      </p>
      ${meetingLinks(meeting, model.canLead)}
      <nav aria-label="Last ned sakspapiret" class="downloads no-print">
        <ul>
          <li><a href="${base}.pdf" download>PDF</a></li>
          <li><a href="${base}.docx" download>Word (.docx)</a></li>
        </ul>
      </nav>
      ${
        model.filing && !meeting.planVote
          ? html`<details class="filing no-print" ${model.filing.flash ? raw(' open') : ''}>
              <summary>Fremme et endringsforslag</summary>
              <p class="help">
                Klikk på et linjenummer eller en del av planen for å si hvor forslaget gjelder.
              </p>
              ${filingForm(model.filing)}
            </details>`
          : ''
      }
      ${papersDocument(model)}`,
  });
}
