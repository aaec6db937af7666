/**
 * Norwegian function words and fillers (bokmål, with the nynorsk and -a forms plans also use). They carry
 * no meaning for telling measures apart, so they are dropped before comparing: "Vi skal
 * arrangere ..." and "Det skal arrangeres ..." should meet on "arrangere", not on "skal".
 * Content words that are merely frequent in plans (lokallag, medlemmer) are kept: they
 * distinguish measures about local branches from measures about something else.
 */
export const NORWEGIAN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'og i på til av for med som det en ei et er skal vi de den dei dem å at har om ikke ikkje seg sin sitt ' +
    'sine fra frå ved kan bør må være vere blir bli blitt ble var vært eller også dette disse denne der så ' +
    'men hos etter mot under over enn da nå når hvor kor hva kva hvem hvilke hvis om slik samt både blant ' +
    'mer meir mest andre annet anna egen eget egne vår våre vårt deres hans hennes han hun jeg eg du meg ' +
    'deg oss dere man ha hadde får få gjør gjennom uten inn ut opp ned her jo bare kun selv sjølv hver ' +
    'hvert alle alt noe noen mange flere fleire eks evt etc innen mellom gjerne særlig spesielt dermed derfor ' +
    // Quantifiers: "minst ett møte i året" says how often, not what.
    'minst ett én'
  ).split(' '),
);
