/**
 * Every page and report a visitor can reach from the front page, signed out and signed in, read
 * as a board member reads it: no raw ids ("user:" and a uuid, or a bare uuid), no English enum
 * words or snake_case identifiers, no placeholder text (issue 16, "Done when"). Pages (HTML),
 * reports in Markdown and Word documents are read; links are followed as a visitor would, from
 * `/`. A user's own change is made first, so the pages have a person to name, not only the demo.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  MAJORITY_RULES,
  MEASURE_STATUSES,
  ORGANISATION_LEVELS,
  PLAN_VISIBILITIES,
  RECOMMENDATIONS,
  ROLES,
  VOTE_RESULTS,
} from '@app/domain';
import { readDocx, readPdf } from '@app/document-readers';
import { AccessService } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/test-api.js';

const PLAN = 'oslo-sv-2024-2027';
const VISITOR = { username: 'kari', password: 'Kari-passord-2026!' };

/** Words the code uses for its enums, which a Norwegian page must never show as they are. */
const ENUM_WORDS = [
  ...MEASURE_STATUSES,
  ...ROLES,
  ...RECOMMENDATIONS,
  ...VOTE_RESULTS,
  ...MAJORITY_RULES,
  ...ORGANISATION_LEVELS,
  ...PLAN_VISIBILITIES,
  // Lineage outcomes and the metrics the importer and the demo record.
  'unchanged',
  'reworded',
  'merged',
  'split',
  'new',
  'members',
  'local_branches',
];
const CHECKS: Array<[string, RegExp]> = [
  ['raw id', /\buser:[0-9a-f]{8}-|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  // A plan's or meeting's id ("oslo-sv-am-2026") where its name belongs.
  ['plan or meeting id', /(?<![\w/.-])[a-z]+(?:-[a-z]+)*-\d{4}(?:-\d{4})?(?![\w/.-])/],
  ['English enum word', new RegExp(`\\b(?:${ENUM_WORDS.join('|')})\\b`)],
  ['identifier', /\b[a-z]+_[a-z_]+\b/],
  ['debug text', /\b(?:undefined|null|NaN|TODO|FIXME)\b|\[object Object\]|Invalid Date/],
  ['placeholder', /ikke klar ennå|kommer snart|not implemented|lorem ipsum|plassholder/i],
  // A sentence ended twice ("er satt.. Før fristen"): a text that ends in a full stop, and a caller's.
  ['doubled full stop', /[\p{L})»]\.\.(?!\.)\s/u],
];

interface Read {
  path: string;
  status: number;
  kind: 'html' | 'markdown' | 'docx' | 'pdf' | 'other';
  text: string;
  links: string[];
}

/**
 * What a person reads on a page as words: no markup, scripts, styles or attribute values, and
 * no code (a plan document's YAML keys such as `adopted` and the ids it names are the format's
 * literal syntax, shown as code for the plan editor to copy, not words of the page).
 */
function visibleText(html: string): string {
  return html
    .replace(/<pre[\s\S]*?<\/pre>/gi, ' ')
    .replace(/<code[\s\S]*?<\/code>/gi, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Markdown as read: a link's text, not where it points. */
const markdownText = (md: string) => md.replace(/\]\([^)]*\)/g, ']').replace(/\s+/g, ' ');

/**
 * The same page under a different `neste` (where to go after signing in) is the same page:
 * read it once, or every page's sign-in link doubles the walk.
 */
const pageKey = (path: string) => (path.startsWith('/logg-inn') ? '/logg-inn' : path);

async function walk(agent: ReturnType<typeof request.agent>, cookie?: string): Promise<Read[]> {
  const seen = new Set<string>();
  const queue = ['/'];
  const reads: Read[] = [];
  const readOne = async (path: string): Promise<Read> => {
    let r = agent.get(path).redirects(3).buffer(true);
    if (cookie) r = r.set('Cookie', cookie);
    const res = await r.parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const type = String(res.headers['content-type'] ?? '');
    const body = res.body as Buffer;
    if (type.includes('text/html')) {
      const html = body.toString('utf8');
      const links = [...html.matchAll(/href="([^"#]+)"/g)].map(([, href]) => href!.replace(/&amp;/g, '&'));
      return { path, status: res.status, kind: 'html', text: visibleText(html), links };
    }
    if (type.includes('markdown'))
      return {
        path,
        status: res.status,
        kind: 'markdown',
        text: markdownText(body.toString('utf8')),
        links: [],
      };
    // Word and PDF as the importer reads them: every paragraph, struck and inserted text too.
    if (type.includes('wordprocessingml')) {
      const text = readDocx(new Uint8Array(body)).lines.join(' ');
      return { path, status: res.status, kind: 'docx', text, links: [] };
    }
    if (type.includes('application/pdf')) {
      const text = (await readPdf(new Uint8Array(body))).lines.join(' ');
      return { path, status: res.status, kind: 'pdf', text, links: [] };
    }
    return { path, status: res.status, kind: 'other', text: '', links: [] };
  };
  while (queue.length > 0) {
    // A few at a time, as a browser fetches.
    const batch = queue.splice(0, 6).filter((p) => !seen.has(pageKey(p)));
    batch.forEach((p) => seen.add(pageKey(p)));
    for (const read of await Promise.all(batch.map(readOne))) {
      reads.push(read);
      for (const href of read.links) {
        const url = new URL(href, `http://planverk.test${read.path}`);
        if (url.host !== 'planverk.test') continue;
        // The api's assets and its OpenAPI page are not Norwegian pages; signing out ends the walk.
        if (/^\/(assets|docs)(\/|$)/.test(url.pathname) || url.pathname === '/logg-ut') continue;
        const next = url.pathname + url.search;
        if (!seen.has(pageKey(next))) queue.push(next);
      }
    }
  }
  return reads;
}

function problemsIn(reads: Read[]): string[] {
  const problems: string[] = [];
  for (const read of reads) {
    if (read.status >= 400) problems.push(`${read.path}: ${read.status}`);
    for (const [name, re] of CHECKS) {
      const m = re.exec(read.text);
      if (m) {
        const around = read.text.slice(Math.max(0, m.index - 40), m.index + 40).trim();
        problems.push(`${read.path}: ${name} «${m[0]}» in «${around}»`);
      }
    }
  }
  return problems;
}

describe('every page and report, signed out and signed in, in Norwegian words', () => {
  let api: TestApi;
  let changed: string;

  beforeAll(async () => {
    api = await startTestApi({ demo: true });
    const access = api.app.get(AccessService);
    const envelope = () => ({ commandId: randomUUID(), actor: 'system:test', now: new Date().toISOString() });
    const { userId } = await access.registerUser(envelope(), VISITOR);
    for (const role of ['secretary', 'plan_editor', 'meeting_officer'] as const) {
      await access.grantRole(envelope(), userId, 'oslo-sv', role);
    }
    // A change made by a person, so the history pages have a user to name.
    const { token } = await access.issueToken(envelope(), userId, 'test');
    interface Section {
      measures: Array<{ id: string; address: string }>;
      sections: Section[];
    }
    const measures = (sections: Section[]): Section['measures'] =>
      sections.flatMap((s) => [...s.measures, ...measures(s.sections)]);
    const plan = (await request(api.http).get(`/plans/${PLAN}`).expect(200)).body as Section;
    changed = measures(plan.sections).find((m) => m.address === '4.3.A')!.id;
    await request(api.anonymous)
      .post(`/plans/${PLAN}/measures/${changed}/status`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'in_progress', note: 'Arbeidet er i gang' })
      .expect(200);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('signed out: every page reachable from the front page', async () => {
    const reads = await walk(request.agent(api.anonymous));
    expect(reads.filter((r) => r.kind === 'html').length).toBeGreaterThan(100);
    // The reports are among them: the audit report, the follow-up report and a redline as Word.
    expect(reads.some((r) => r.kind === 'markdown')).toBe(true);
    expect(reads.some((r) => r.kind === 'docx')).toBe(true);
    expect(reads.some((r) => r.kind === 'pdf')).toBe(true);
    expect(problemsIn(reads)).toEqual([]);
  }, 600_000);

  it('signed in with roles: every page, form and report, and the user named by name', async () => {
    const agent = request.agent(api.anonymous);
    const signIn = await agent.get('/logg-inn').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1]!;
    await agent
      .post('/logg-inn')
      .type('form')
      .send({ brukernavn: VISITOR.username, passord: VISITOR.password, _csrf: csrf })
      .expect(303);
    const reads = await walk(agent);
    // The front page names the user in its header and their change among the latest, by name.
    const front = reads.find((r) => r.path === '/')!;
    expect(front.text).toMatch(/Logg ut/);
    expect(front.text).toMatch(new RegExp(`Arbeidet er i gang.*${VISITOR.username}`));
    const history = reads.find((r) => r.path === `/plan/${PLAN}/tiltak/${changed}`)!;
    expect(history.text).toMatch(new RegExp(`Arbeidet er i gang.*${VISITOR.username}`));
    expect(problemsIn(reads)).toEqual([]);
  }, 600_000);
});
