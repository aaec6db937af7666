/**
 * Example bodies for the OpenAPI description: what /docs fills in for "Try it out", each one a
 * request the api takes as it stands (test/http/openapi.e2e-spec.ts sends them). The ids are the
 * demo's: the plan oslo-sv-2024-2027 and its organisation oslo-sv.
 */

/** A small plan document (DESIGN.md); sent with dryRun, it shows what an import would write. */
export const PLAN_DOCUMENT_EXAMPLE = `plan:
  id: eksempel-2026-2027
  org: oslo-sv
  title: Eksempelplan 2026-2027
  period: { from: 2026, to: 2027 }
bodies:
  - { code: FS, name: Fylkesstyret }
sections:
  - number: "1"
    title: Verving
    measures:
      - { label: A, text: Ringe alle nye medlemmer innen en uke., timing: Løpende, responsible: [FS] }
`;

/** A meeting protocol (DESIGN.md): one amendment adding a measure, and the plan adopted. */
export const MEETING_PROTOCOL_EXAMPLE = `meeting:
  id: eksempel-rs-2026
  org: oslo-sv
  body: RS
  date: 2026-11-14
  plan: oslo-sv-2024-2027
amendments:
  - no: 1
    proposer: Sagene SV
    target: { section: '4.1' }
    op: add_measure
    measure: { text: Stand på hver T-banestasjon før jul., timing: Høst 2026, responsible: [LL] }
votes:
  - { amendment: 1, result: adopted, for: 40, against: 3, abstain: 1 }
  - { plan: adopted, for: 44, against: 0, abstain: 0 }
`;

/** An amendment list as parties circulate it, citing the lines of the meeting papers. */
export const AMENDMENT_LIST_EXAMPLE = `Organisasjon: Oslo SV

Forslag 2
Forslagsstiller: Sagene SV
Plass: Ny linje 100
Type forslag: Tillegg
Forslag: Nytt punkt: «Oslo SV skal banke på dører i alle bydeler minst to ganger i året.»
Forklaring: Dørbank virker best når alle er med.
Innstilling: Vedtas
`;

/** Filing one amendment: a new measure in a section (the other operations are in the schema). */
export const AMENDMENT_EXAMPLE = {
  no: 1,
  proposer: 'Sagene SV',
  target: { section: '4.1' },
  op: 'add_measure',
  measure: { text: 'Stand på hver T-banestasjon før jul.', timing: 'Høst 2026', responsible: ['LL'] },
  justification: 'Synlighet før valget.',
};
