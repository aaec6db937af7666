import { type SourceDocument } from '@app/document-readers';
import { UnreadableDocumentError, type Refusal } from '../errors.js';

/**
 * The refusal when the general reader finds no plan: what it looked for and what to do next,
 * in plain words. It names no internal layout, only what a person can see in their document.
 */
const LOOKED_FOR = [
  'a title that names the plan and its period ("Handlingsplan for Eksempel SV 2025-2027", "Årsplan 2026")',
  'headings, styled or numbered (1., 1.1, I., A)',
  'lists under a label such as "Mål:", "Delmål:", "Tiltak:", "Aktiviteter:", "Vi skal:" or "Handlinger:"',
  'lines that read as actions ("Arrangere ...", "Vi skal ...") or carry "Ansvar:"/"Frist:"',
  'tables with a column of measures (Tiltak, Aktivitet, Hva) and one of timing (Frist, Når, Tidspunkt, Gjennomføring) or responsibility (Ansvar, Ansvarlig, Hvem)',
];
const LOOKED_FOR_NO = [
  'en tittel som sier at det er en plan, og for hvilken periode («Handlingsplan for Eksempel SV 2025–2027», «Årsplan 2026»)',
  'overskrifter, med stil eller nummer (1., 1.1, I., A)',
  'lister under en merkelapp som «Mål:», «Delmål:», «Tiltak:», «Aktiviteter:», «Vi skal:» eller «Handlinger:»',
  'linjer som er handlinger («Arrangere …», «Vi skal …») eller har «Ansvar:»/«Frist:»',
  'tabeller med en kolonne for tiltak (Tiltak, Aktivitet, Hva) og en for tid (Frist, Når, Tidspunkt, Gjennomføring) eller ansvar (Ansvar, Ansvarlig, Hvem)',
];
const NEXT = [
  'open the file on the import review page (/import) and mark which lines are goals, measures, Ansvar and timing',
  'or write the plan as a plan document (YAML), described in docs/plan-document.md, and import that',
];
const NEXT_NO = [
  'åpne filen på gjennomgangssiden for import (/import) og merk selv hvilke linjer som er mål, tiltak, ansvar og tid',
  'eller skriv planen som et plandokument (YAML), beskrevet i docs/plan-document.md, og importer det',
];

const WHAT: Record<string, { en: string; no: string }> = {
  'nothing-found': {
    en: 'found no goals or measures in the document',
    no: 'fant ingen mål eller tiltak i dokumentet',
  },
  'no-title': {
    en: 'found no title: no heading or first line names the plan',
    no: 'fant ingen tittel: ingen overskrift eller første linje sier hva planen heter',
  },
  'no-period': {
    en: 'found no period: neither the title nor the first lines name a year ("2026") or years ("2025-2027")',
    no: 'fant ingen periode: verken tittelen eller de første linjene har et år («2026») eller en periode («2025–2027»)',
  },
};

export class NothingRecognisedError extends UnreadableDocumentError {
  constructor(code: 'nothing-found' | 'no-title' | 'no-period', source: Pick<SourceDocument, 'lines'>) {
    const what = WHAT[code]!;
    const refusal: Refusal = {
      code,
      lookedFor: LOOKED_FOR,
      lookedForNorwegian: LOOKED_FOR_NO,
      next:
        code === 'no-period'
          ? ['add the period to the title ("Årsplan 2026") and import again', ...NEXT]
          : NEXT,
      nextNorwegian:
        code === 'no-period'
          ? ['skriv perioden inn i tittelen («Årsplan 2026») og importer igjen', ...NEXT_NO]
          : NEXT_NO,
      norwegian: `Planverk ${what.no} (${source.lines.length} linjer lest). Vi så etter: ${LOOKED_FOR_NO.join('; ')}.`,
    };
    super(
      `no recognisable plan shape: ${what.en} (${source.lines.length} lines read). Looked for: ${LOOKED_FOR.join('; ')}. Next: ${refusal.next.join('; ')}`,
      refusal,
    );
  }
}
