import { describeCountsNb, recommendationLabel, type AmendmentView } from '@app/read-models';
import { lowerFirst } from '../../format.js';
import { html, type Html } from '../../html.js';
import { layout, type Visitor } from '../../views/layout.js';
import { amendmentRedline } from '../amendment-change.js';
import type { MeetingContext } from '../meeting-page-data.js';
import {
  amendmentStatusBadge,
  amendmentTitle,
  changeLines,
  inVotingOrder,
  meetingName,
  resultText,
  targetLabel,
} from './amendment.js';
import { liveRegion } from './live.js';
import { planVoteText } from './meeting.js';

/** The amendment the hall is looking at: its change against the current text, the committee's view. */
function treated(a: AmendmentView, ctx: MeetingContext, position: string): Html {
  const plans = { now: ctx.plan, papers: ctx.papers };
  const r = a.recommendation;
  return html`<article class="projector-amendment amendment-${a.status}" aria-labelledby="skjerm-forslag">
    <p class="projector-kicker">${position}</p>
    <h2 id="skjerm-forslag">${amendmentTitle(a)}</h2>
    ${a.proposer ? html`<p class="projector-proposer">Fra ${a.proposer}</p>` : ''}
    ${changeLines(amendmentRedline(a, plans))}
    ${
      r
        ? html`<p class="projector-recommendation">
              Innstilling: <strong>${recommendationLabel(r.recommendation)}</strong>
            </p>
            ${
              r.modified
                ? html`<p class="projector-kicker">Komiteens tekst:</p>
                    ${changeLines(amendmentRedline(a, plans, { ...a.fields, ...r.modified }))}`
                : ''
            }`
        : html`<p class="projector-recommendation">Ingen innstilling.</p>`
    }
    ${a.status !== 'filed' ? html`<p class="projector-result" role="status">${amendmentStatusBadge(a)} ${resultText(a)}</p>` : ''}
  </article>`;
}

/** The committee's recommendations put to the meeting in one vote: each amendment and what it recommends. */
function enBloc(ctx: MeetingContext): Html {
  const byNo = new Map(ctx.meeting.targets.flatMap((t) => t.amendments).map((a) => [a.no, a]));
  return html`<article class="projector-amendment" aria-labelledby="skjerm-samlet">
    <p class="projector-kicker">Til behandling</p>
    <h2 id="skjerm-samlet">Komiteens innstillinger samlet</h2>
    <ul class="projector-en-bloc">
      ${ctx.meeting.enBloc.map((no) => {
        const a = byNo.get(no);
        return html`<li>
          Forslag ${no}${a ? html`, ${targetLabel(a)}` : ''}: innstilling
          <strong>${a?.recommendation ? recommendationLabel(a.recommendation.recommendation) : ''}</strong>
        </li>`;
      })}
    </ul>
  </article>`;
}

/**
 * The decisions the hall has just seen made: the last amendment put to the vote and every one
 * that lapsed or was withdrawn after it (an adoption makes the amendments it made impossible
 * lapse at once, so the hall learns in one look that no. 2 went with no. 1).
 */
function latestDecisions(decided: readonly AmendmentView[]): AmendmentView[] {
  const declared = new Set(['lapsed', 'withdrawn']);
  let start = decided.length - 1;
  while (start > 0 && declared.has(decided[start]!.status)) start--;
  return decided.slice(Math.max(start, 0));
}

/** What the hall's screen shows now: the result just recorded, and the amendment to be treated. */
export function projectorView(ctx: MeetingContext): Html {
  const { meeting } = ctx;
  const { toVote, decided } = inVotingOrder(meeting);
  const total = toVote.length + decided.length;
  const lastDecisions = latestDecisions(decided);
  // What the officer put on the floor; before they do, the next in the voting order.
  const floor = meeting.floor;
  const next = (floor?.kind === 'amendment' ? toVote.find((a) => a.no === floor.no) : undefined) ?? toVote[0];
  if (meeting.planVote) {
    const counts = describeCountsNb(meeting.planVote);
    return html`<div class="projector-final" role="status">
      <h2>${meeting.planVote.result === 'adopted' ? 'Planen er vedtatt' : 'Planen ble ikke vedtatt'}</h2>
      ${counts ? html`<p>${counts}</p>` : ''}
      <p class="projector-kicker">${decided.length} forslag behandlet.</p>
    </div>`;
  }
  return html`${
    lastDecisions.length > 0
      ? html`<div class="projector-last" role="status">
          ${lastDecisions.map(
            (a, i) =>
              html`<p>
                ${i === 0 ? 'Sist avgjort: forslag' : 'Forslag'} ${a.no} – ${lowerFirst(resultText(a))}
              </p>`,
          )}
        </div>`
      : ''
  }
  ${
    floor?.kind === 'recommendations' && meeting.enBloc.length > 0
      ? enBloc(ctx)
      : floor?.kind === 'plan'
        ? html`<div class="projector-final">
            <p class="projector-kicker">Til behandling</p>
            <h2>Planen som helhet</h2>
          </div>`
        : next
          ? treated(next, ctx, `Til behandling · ${decided.length + 1} av ${total}`)
          : html`<div class="projector-final">
              <h2>${total === 0 ? 'Ingen endringsforslag' : 'Alle forslagene er behandlet'}</h2>
              <p>Neste: planen som helhet.${meeting.planVote ? ` ${planVoteText(meeting)}` : ''}</p>
            </div>`
  }`;
}

/** The hall's screen: large type, no navigation, following the meeting within a second. */
export function projectorPage(ctx: MeetingContext, visitor: Visitor): Html {
  const { meeting } = ctx;
  return layout({
    title: `Skjerm – ${meetingName(meeting)}`,
    meeting: true,
    organisations: [],
    visitor,
    body: html`<div class="projector">
      <h1 class="projector-title">${meetingName(meeting)}</h1>
      ${liveRegion('skjerm-live', `/mote/${meeting.id}/live?visning=skjerm`, projectorView(ctx), '500ms', 'live projector-live')}
    </div>`,
  });
}
