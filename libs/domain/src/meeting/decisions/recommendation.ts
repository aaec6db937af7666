import { checkAmendmentFields } from '../amendment-changes.js';
import type { ContestRecommendation, GiveRecommendation } from '../meeting.commands.js';
import type { MeetingEvent } from '../meeting.events.js';
import type { MeetingState } from '../meeting.state.js';
import { KNOWN_RECOMMENDATIONS, readRecommendation } from '../vocabulary.js';
import {
  amendment,
  cleanFields,
  existingMeeting,
  invalid,
  openMeeting,
  same,
  treatedPlan,
  undecided,
} from './guards.js';

/** The drafting committee's recommendation (innstilling): vedta, avvise, vedta med endring, oversendes styret. */
export function giveRecommendation(command: GiveRecommendation, state: MeetingState): MeetingEvent[] {
  const meeting = existingMeeting(state);
  const a = amendment(meeting, command.no);
  const kind = readRecommendation(command.recommendation);
  if (!kind) {
    throw invalid(
      'UNKNOWN_RECOMMENDATION',
      `Ukjent innstilling «${command.recommendation}»; bruk ${KNOWN_RECOMMENDATIONS}`,
      {
        field: 'recommendation',
      },
    );
  }
  const modified = command.modified ? cleanFields(command.modified) : undefined;
  if (kind === 'adopt_modified') {
    if (!modified || Object.keys(modified).length === 0)
      throw invalid('MISSING_FIELD', 'Innstillingen «vedta med endring» trenger komiteens endrede tekst', {
        field: 'modified',
      });
    const plan = treatedPlan(command.facts, meeting.planId);
    checkAmendmentFields(
      plan,
      a.target,
      a.op,
      { ...a.fields, ...modified },
      command.facts.organisationBodies,
    );
  } else if (modified && Object.keys(modified).length > 0) {
    throw invalid('UNEXPECTED_FIELD', 'Bare innstillingen «vedta med endring» har en endret tekst', {
      field: 'modified',
    });
  }
  const recommendation = {
    recommendation: kind,
    ...(modified && kind === 'adopt_modified' ? { modified } : {}),
    ...(command.note?.trim() ? { note: command.note.trim() } : {}),
  };
  if (a.recommendation && same(a.recommendation, recommendation)) return [];
  undecided(a);
  return [{ type: 'RecommendationGiven', data: { meetingId: meeting.id, no: a.no, ...recommendation } }];
}

/**
 * Someone contests the committee's recommendation on an amendment (the proposer keeps it up
 * against "avvise", a delegate asks for a vote): it gets a vote of its own instead of being
 * settled with the recommendations en bloc. Or the objection is taken back.
 */
export function contestRecommendation(command: ContestRecommendation, state: MeetingState): MeetingEvent[] {
  const meeting = openMeeting(state);
  const a = amendment(meeting, command.no);
  if (a.contested === command.contested) return [];
  undecided(a);
  if (command.contested && !a.recommendation)
    throw invalid(
      'NO_RECOMMENDATION',
      `Forslag ${a.no} har ingen innstilling å bestride; det stemmes over for seg`,
      {
        field: 'no',
        no: a.no,
      },
    );
  return [
    {
      type: 'RecommendationContested',
      data: { meetingId: meeting.id, no: a.no, contested: command.contested },
    },
  ];
}
