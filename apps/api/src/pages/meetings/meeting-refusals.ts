import { DomainError } from '@app/domain';
import { ExpectedRevisionConflict } from '@app/event-store';
import { FORM_SENT_BEFORE } from '../page-http.js';

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : '');

/**
 * Why a meeting command was refused, in the Norwegian the form shows. The domain's codes are the
 * contract; its English messages are for the JSON api and the logs.
 */
export function meetingRefusal(error: unknown): string | undefined {
  if (error instanceof ExpectedRevisionConflict)
    return 'Møtet ble endret samtidig av noen andre. Last siden på nytt og prøv igjen.';
  if (!(error instanceof DomainError)) return undefined;
  const d = error.details;
  switch (error.code) {
    case 'COMMAND_ID_TAKEN':
      return FORM_SENT_BEFORE;
    case 'MEETING_EXISTS':
      return 'Det finnes allerede et møte med dette kortnavnet. Velg et annet.';
    case 'INVALID_DATE':
      return 'Datoen er ikke en gyldig dato.';
    case 'UNKNOWN_MEETING_BODY':
      return 'Velg hvilket organ som holder møtet.';
    case 'WRONG_ORGANISATION':
      return 'Planen tilhører en annen organisasjon enn møtet.';
    case 'INVALID_PLAN_REVISION':
      return 'Planen har ingen slik revisjon.';
    case 'MEETING_CONCLUDED':
      return 'Møtet har vedtatt planen som helhet; forslagene kan ikke endres lenger.';
    case 'AMENDMENT_NOT_FOUND':
      return `Forslag ${String(d.no ?? '')} er ikke fremmet på dette møtet.`.replace('  ', ' ');
    case 'DUPLICATE_AMENDMENT_NO':
      return 'Forslagsnummeret er allerede brukt av et annet forslag.';
    case 'INVALID_AMENDMENT_NO':
      return 'Forslagsnummeret må være et helt tall fra 1.';
    case 'AMENDMENT_DECIDED':
      return 'Forslaget er allerede avgjort.';
    case 'UNKNOWN_OPERATION':
      return 'Velg hva slags endring forslaget er.';
    case 'INVALID_TARGET':
      return 'Oppgi ett sted i planen: linjer, et tiltak, et mål eller et kapittel.';
    case 'TARGET_NOT_FOUND':
      return 'Fant ikke stedet i sakspapirene forslaget viser til. Sjekk linjenumrene eller adressen.';
    case 'TARGET_STRUCK':
      return 'Det forslaget viser til, er strøket fra planen.';
    case 'AMBIGUOUS_TARGET':
      return `Linjene dekker flere deler av planen${list(d.candidates) ? ` (${list(d.candidates)})` : ''}. Velg færre linjer, eller klikk på den delen forslaget gjelder.`;
    case 'TEXT_NOT_FOUND':
      return 'Teksten forslaget siterer, står ikke der forslaget viser til. Kopier den nøyaktig fra sakspapirene.';
    case 'AMBIGUOUS_TEXT':
      return 'Teksten forslaget siterer, står flere steder i det forslaget viser til. Siter flere ord, så den blir entydig.';
    case 'MISSING_FIELD':
      return missingField(String(d.field ?? ''));
    case 'SECTION_EXISTS':
      return 'Planen har allerede et kapittel med det nummeret.';
    case 'UNKNOWN_BODY':
      return `Ukjent organ${list(d.unknown) ? `: ${list(d.unknown)}` : ''}. Bruk kodene fra planens forkortelsesliste.`;
    case 'UNKNOWN_RECOMMENDATION':
      return 'Velg en innstilling.';
    case 'UNEXPECTED_FIELD':
      return 'Bare innstillingen «vedta med endring» har en endret tekst.';
    case 'NO_MODIFIED_TEXT':
      return 'Komiteen har ingen endret tekst til dette forslaget.';
    case 'UNKNOWN_RESULT':
      return 'Velg et resultat.';
    case 'INVALID_VOTE_COUNT':
      return 'Stemmetallene må være hele tall fra 0.';
    case 'PLAN_ALREADY_VOTED':
      return 'Møtet har allerede stemt over planen som helhet.';
    case 'AMENDMENTS_PENDING':
      return `Stem over alle forslagene før planen som helhet${list(d.pending) ? ` (gjenstår: ${list(d.pending)})` : ''}.`;
    default:
      // The meeting's rules word their own refusals in Norwegian (meeting-core's vocabulary).
      return error.message;
  }
}

const FIELD_LABEL: Record<string, string> = {
  from: 'teksten som skal strykes',
  to: 'den nye teksten',
  text: 'teksten',
  'measure.text': 'teksten i det nye tiltaket',
  'goal.text': 'teksten i det nye målet',
  timing: 'ny gjennomføring',
  responsible: 'ansvarlige organer',
  section: 'nummer og tittel på kapittelet',
  'section.number': 'nummeret på kapittelet',
  'section.title': 'tittelen på kapittelet',
  modified: 'komiteens endrede tekst',
};

function missingField(field: string): string {
  return `Fyll inn ${FIELD_LABEL[field] ?? 'alle feltene forslaget trenger'}.`;
}
