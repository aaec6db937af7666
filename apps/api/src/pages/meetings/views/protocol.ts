import { html, type Html } from '../../html.js';
import { emptyState } from '../../views/components.js';
import { redline } from '../../views/history.js';
import { layout, type Visitor } from '../../views/layout.js';
import type { MeetingContext } from '../meeting-page-data.js';
import type { ProtocolEntry, ProtocolModel } from '../protocol-model.js';
import { meetingName } from './amendment.js';
import { meetingFacts, meetingLinks } from './meeting.js';

function changeList(lines: ProtocolEntry['change']): Html {
  return html`<dl class="change-lines">
    ${lines.map(
      (l) =>
        html`<div>
          <dt>${l.field}</dt>
          <dd>${redline(l.parts)}</dd>
        </div>`,
    )}
  </dl>`;
}

function entryItem(e: ProtocolEntry): Html {
  return html`<li class="protocol-entry" id="protokoll-forslag-${e.no}">
    <h3>${e.heading}</h3>
    ${e.proposer ? html`<p class="proposer">Forslagsstiller: ${e.proposer}</p>` : ''} ${changeList(e.change)}
    ${e.justification ? html`<p class="justification">${e.justification}</p>` : ''}
    <p><strong>Innstilling:</strong> ${e.recommendation ?? 'ingen'}</p>
    ${
      e.modified
        ? html`<p class="help">Komiteens tekst:</p>
            ${changeList(e.modified)}`
        : ''
    }
    ${e.result ? html`<p class="result"><strong>Resultat:</strong> ${e.result}</p>` : ''}
  </li>`;
}

export interface ProtocolPageModel extends MeetingContext {
  readonly protocol: ProtocolModel;
  readonly canLead: boolean;
  readonly visitor: Visitor;
}

/** The protocol (møteprotokoll) as a page, with its Word, PDF and replayable YAML files. */
export function protocolPage(model: ProtocolPageModel): Html {
  const { meeting, plan, protocol } = model;
  const org = model.organisations.find((o) => o.id === meeting.organisationId);
  const base = `/mote/${meeting.id}/protokoll`;
  return layout({
    title: protocol.title,
    meeting: true,
    organisations: model.organisations,
    visitor: model.visitor,
    currentOrgId: meeting.organisationId,
    crumbs: [
      { label: org?.name ?? meeting.organisationId, href: `/org/${meeting.organisationId}` },
      { label: plan.title, href: `/plan/${plan.id}` },
      { label: meetingName(meeting), href: `/mote/${meeting.id}` },
      { label: 'Protokoll' },
    ],
    body: html`<article class="protocol">
      <h1>${protocol.title}</h1>
      ${meetingFacts(model)} ${meetingLinks(meeting, model.canLead)}
      <nav aria-label="Last ned protokollen" class="downloads no-print">
        <ul>
          <li><a href="${base}.docx" download>Word (.docx)</a></li>
          <li><a href="${base}.pdf" download>PDF</a></li>
          <li>
            <a href="/meetings/${meeting.id}/protocol" download="${meeting.id}.yaml"
              >Protokollfil (YAML) som kan spilles av igjen</a
            >
          </li>
          <li>
            <a href="/plans/${plan.id}/redline?meeting=${meeting.id}&amp;format=docx" download
              >Planen med sporede endringer (Word)</a
            >
          </li>
        </ul>
      </nav>
      <p class="lead">${protocol.intro}</p>
      <p class="help">${protocol.papers}</p>
      <section aria-labelledby="protokoll-forslag">
        <h2 id="protokoll-forslag">Endringsforslag i voteringsrekkefølge</h2>
        ${
          protocol.entries.length === 0
            ? emptyState('Møtet har ikke avgjort noen forslag ennå.')
            : html`<ol class="protocol-entries">
                ${protocol.entries.map(entryItem)}
              </ol>`
        }
      </section>
      ${
        protocol.pending.length > 0
          ? html`<section aria-labelledby="protokoll-gjenstar">
              <h2 id="protokoll-gjenstar">Ikke behandlet ennå (${protocol.pending.length})</h2>
              <ul class="protocol-entries">
                ${protocol.pending.map(entryItem)}
              </ul>
            </section>`
          : ''
      }
      <section aria-labelledby="protokoll-planen">
        <h2 id="protokoll-planen">Planen som helhet</h2>
        <p class="result">${protocol.planVote}</p>
      </section>
      ${
        protocol.redline.length > 0
          ? html`<section aria-labelledby="protokoll-redline" class="protocol-redline">
              <h2 id="protokoll-redline">Vedtatt plan mot sakspapiret</h2>
              <p class="help">
                Strøket tekst er <del>overstreket</del>, ny tekst <ins>understreket</ins>, hver endring med
                forslaget som gjorde den. ${protocol.redlineCounts}.
              </p>
              ${protocol.redline.map((item) =>
                item.heading
                  ? html`<h3 class="redline-heading depth-${item.depth}">
                      ${item.label}
                      ${redline(item.parts)}${item.causes ? html` <span class="cause">[${item.causes}]</span>` : ''}
                    </h3>`
                  : html`<p class="redline-item depth-${item.depth}${item.change ? ' changed' : ''}">
                      <strong>${item.label}</strong>
                      ${redline(item.parts)}${item.details.length > 0 ? html` <span class="muted">– ${redline(item.details)}</span>` : ''}${item.causes ? html` <span class="cause">[${item.change}: ${item.causes}]</span>` : ''}
                    </p>`,
              )}
            </section>`
          : ''
      }
    </article>`,
  });
}
