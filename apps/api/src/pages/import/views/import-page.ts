import type { OrganisationView } from '@app/read-models';
import type { Refusal } from '@app/text-import';
import { html, type Html } from '../../html.js';
import { layout, type Visitor } from '../../views/layout.js';

export interface ImportPageShell {
  readonly organisations: readonly OrganisationView[];
  readonly visitor: Visitor;
}

/** Why an upload could not be read: the refusal in parts, or one message (a damaged file, no file). */
export type ImportProblem =
  | { readonly kind: 'refusal'; readonly refusal: Refusal; readonly file: string }
  | { readonly kind: 'message'; readonly message: string; readonly details?: readonly string[] };

const CRUMBS = [{ label: 'Forside', href: '/' }, { label: 'Importer en plan' }];

/**
 * The import page: a file to upload for review, and, after a refusal, what was looked for and
 * what to do next; at the end, how to write a plan as a plan document (where the refusal links).
 */
export function importPage(shell: ImportPageShell, problem?: ImportProblem): Html {
  return layout({
    title: 'Importer en plan',
    ...shell,
    crumbs: CRUMBS,
    body: html`<h1>Importer en plan</h1>
      <p class="lead">
        Last opp planen slik dere har den: Word (.docx), LibreOffice (.odt), PDF, Markdown eller ren tekst. Du
        får se hva Planverk fant, linje for linje, og kan rette det før planen importeres.
      </p>
      ${problem ? problemView(problem) : ''} ${uploadForm(shell.visitor)} ${planDocumentHelp()}`,
  });
}

function uploadForm(visitor: Visitor): Html {
  if (!visitor.principal) {
    return html`<p>
      <a href="/logg-inn?neste=${encodeURIComponent('/import')}">Logg inn</a> for å laste opp en plan.
    </p>`;
  }
  return html`<form
    method="post"
    action="/import/gjennomgang"
    enctype="multipart/form-data"
    class="stacked upload-form"
  >
    ${visitor.csrf ? html`<input type="hidden" name="_csrf" value="${visitor.csrf}" />` : ''}
    <label for="fil">Planen</label>
    <input
      id="fil"
      name="file"
      type="file"
      required
      accept=".docx,.odt,.pdf,.md,.markdown,.txt,.yaml,.yml,.json"
    />
    <label for="org"
      >Organisasjonens kortnavn
      <span class="hint">(bare hvis dokumentet ikke sier hvem planen er for)</span></label
    >
    <input
      id="org"
      name="org"
      type="text"
      pattern="[a-z0-9]+(-[a-z0-9]+)*"
      placeholder="for eksempel sagene-sv"
    />
    <button type="submit">Les planen</button>
  </form>`;
}

function problemView(problem: ImportProblem): Html {
  if (problem.kind === 'message') {
    return html`<section class="flash flash-error" role="alert">
      <p>${problem.message}</p>
      ${
        problem.details?.length
          ? html`<ul>
              ${problem.details.map((d) => html`<li>${d}</li>`)}
            </ul>`
          : ''
      }
    </section>`;
  }
  const { refusal } = problem;
  return html`<section class="flash flash-error refusal" role="alert">
    <h2>Fant ingen plan i «${problem.file}»</h2>
    <p>${refusal.norwegian.split('. Vi så etter:')[0]}.</p>
    <h3>Dette så vi etter</h3>
    <ul>
      ${refusal.lookedForNorwegian.map((l) => html`<li>${l}</li>`)}
    </ul>
    <h3>Slik kommer du videre</h3>
    <ul>
      ${refusal.nextNorwegian.map((n) => html`<li>${nextStep(n)}</li>`)}
    </ul>
  </section>`;
}

/** A next step, with the plan document's description linked where it is named. */
function nextStep(text: string): Html {
  const [before, after] = text.split('docs/plan-document.md');
  if (after === undefined) return html`${text}`;
  return html`${before}<a href="#plandokument">beskrivelsen av plandokumentet</a>${after}`;
}

const EXAMPLE = `plan:
  id: sagene-sv-2027-2028
  org: sagene-sv
  orgName: Sagene SV
  title: Arbeidsplan for Sagene SV 2027–2028
  period: { from: 2027, to: 2028 }
  adopted: { body: ÅM, date: 2027-02-01 }
bodies:
  - { code: ST, name: Styret }
sections:
  - number: "1"
    title: Medlemmer
    goals:
      - text: Minst 100 aktive medlemmer innen utgangen av 2028.
    measures:
      - { label: A, text: Ringe alle nye medlemmer., timing: Løpende, responsible: [ST] }
      - { label: B, text: Holde sommerfest., timing: Juni 2027, responsibleParties: [Festkomiteen] }`;

function planDocumentHelp(): Html {
  return html`<section id="plandokument" class="plan-document-help">
    <h2>Skriv planen som plandokument</h2>
    <p>
      Finner ikke Planverk planen i dokumentet, kan dere skrive den som et plandokument (YAML) og laste det
      opp her. Et plandokument har planens navn, organisasjon (kortnavn, og navnet en ny organisasjon skal få:
      <code>orgName</code>), periode og vedtak (<code>plan</code>), organene som kan ha ansvar
      (<code>bodies</code>, med kode og navn) og kapitlene (<code>sections</code>) med nummer, tittel, mål
      (<code>goals</code>) og tiltak (<code>measures</code>). Et tiltak har tekst, tid (<code>timing</code>)
      og ansvar: organenes koder (<code>responsible</code>, hovedansvarlig først) eller navn på andre som har
      ansvar (<code>responsibleParties</code>).
    </p>
    <pre><code>${EXAMPLE}</code></pre>
  </section>`;
}
