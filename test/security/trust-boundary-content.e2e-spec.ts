import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { startAccessWorld, WORLD_TIMEOUT_MS, type AccessWorld } from '../support/access-world.js';
import { countEvents } from '../support/test-api.js';

/**
 * A command is authorised against what its content names, whichever way the request is
 * shaped: a protocol or a plan document as raw YAML, as JSON, or inside a `{ content }`
 * wrapper, with or without fields beside it. The issue's reproduction: a meeting officer of
 * another organisation sent `{ content: <protocol of Oslo's internal plan>, organisationId:
 * <their own> }` and got 201 (a meeting filed in Oslo, a measure added to its internal plan),
 * and with `?dryRun=true` 200 and the whole internal plan.
 */
describe('a command is authorised on the organisation and plan its content names', () => {
  let world: AccessWorld;
  const SECRET = 'Hemmelig tiltak i den interne planen';
  const INTRUSION = 'Tiltak lagt inn av en utenforstående';
  const MISSING_PLAN = 'oslo-sv-2099-2102';

  beforeAll(async () => {
    world = await startAccessWorld();
    const { A } = world;
    await world
      .admin()
      .post(`/plans/${A.plan}/measures`)
      .send({ sectionId: A.section, text: SECRET, responsible: ['FS'] })
      .expect(201);
    await world.admin().post(`/plans/${A.plan}/visibility`).send({ visibility: 'internal' }).expect(200);
    await world.user('b-meeting-officer', [['bergen-sv', 'meeting_officer']]);
  }, WORLD_TIMEOUT_MS);
  afterAll(async () => {
    await world.close();
  });

  /** A protocol of Oslo's annual meeting that adds a measure to `plan` (the first line names the plan). */
  const protocol = (plan: string, meeting = `oslo-sv-am-${world.next()}`) =>
    [
      `meeting: { id: ${meeting}, org: oslo-sv, body: ÅM, date: 2026-04-01, plan: ${plan} }`,
      'amendments:',
      `  - { no: 1, target: { section: "1" }, op: add_measure, measure: { text: "${INTRUSION}" } }`,
      'votes:',
      '  - { amendment: 1, result: adopted }',
    ].join('\n');

  /** The protocol as each shape the route takes. */
  const shapes = (text: string, jsonObject: object) => ({
    'raw YAML': (r: request.Test) => r.set('Content-Type', 'application/yaml').send(text),
    'text/plain': (r: request.Test) => r.set('Content-Type', 'text/plain').send(text),
    '{ content }': (r: request.Test) => r.send({ content: text }),
    'a JSON protocol': (r: request.Test) => r.send(jsonObject),
  });
  const jsonProtocol = (plan: string) => ({
    meeting: { id: `oslo-sv-am-${world.next()}`, org: 'oslo-sv', body: 'ÅM', date: '2026-04-01', plan },
    amendments: [{ no: 1, target: { section: '1' }, op: 'add_measure', measure: { text: INTRUSION } }],
    votes: [{ amendment: 1, result: 'adopted' }],
  });

  async function sent(
    user: string | undefined,
    path: string,
    shape: (r: request.Test) => request.Test,
  ): Promise<{ response: request.Response; appended: number }> {
    const before = await countEvents(world.api.database);
    const response = await shape(world.as(user).post(path));
    return { response, appended: (await countEvents(world.api.database)) - before };
  }

  /** What nobody outside Oslo may see or cause: Oslo's internal plan as a viewer of Oslo reads it. */
  async function internalPlanUntouched(): Promise<void> {
    const plan = await world.as('a-viewer').get(`/plans/${world.A.plan}`).expect(200);
    expect(JSON.stringify(plan.body)).not.toContain(INTRUSION);
  }

  it('the reproduction: { content, organisationId } of another organisation is refused, nothing appended', async () => {
    for (const dryRun of ['', '?dryRun=true']) {
      const { response, appended } = await sent('b-meeting-officer', `/meetings/replay${dryRun}`, (r) =>
        r.send({ content: protocol(world.A.plan), organisationId: 'bergen-sv' }),
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/takes no other fields \(got organisationId\)/);
      expect(response.text).not.toContain(SECRET);
      expect(appended).toBe(0);
    }
    await internalPlanUntouched();
  });

  it.each([
    ['replayed', ''],
    ['dry-run', '?dryRun=true'],
  ])(
    "a protocol of another organisation's internal plan, %s, in every shape: as if the plan did not exist",
    async (_how, dryRun) => {
      // What any protocol naming a plan that does not exist gets: the same status and problem.
      const missing = await sent('b-meeting-officer', `/meetings/replay${dryRun}`, (r) =>
        r.set('Content-Type', 'application/yaml').send(protocol(MISSING_PLAN)),
      );
      expect(missing.response.status).toBe(400);
      const asMissing = (plan: string) => ({
        statusCode: 400,
        error: 'INVALID_PROTOCOL',
        message: expect.any(String),
        problems: [{ field: 'meeting.plan', message: `Planen «${plan}» finnes ikke`, line: 1 }],
      });
      expect(missing.response.body).toEqual(asMissing(MISSING_PLAN));

      for (const [shape, send] of Object.entries(
        shapes(protocol(world.A.plan), jsonProtocol(world.A.plan)),
      )) {
        const { response, appended } = await sent('b-meeting-officer', `/meetings/replay${dryRun}`, send);
        const expected = asMissing(world.A.plan);
        // A JSON object has no lines to point at.
        const problems =
          shape === 'a JSON protocol'
            ? [{ field: 'meeting.plan', message: `Planen «${world.A.plan}» finnes ikke` }]
            : expected.problems;
        expect({ shape, status: response.status, body: response.body }).toEqual({
          shape,
          status: 400,
          body: { ...expected, problems },
        });
        expect(response.text).not.toContain(SECRET);
        expect(appended).toBe(0);
      }
      await internalPlanUntouched();
    },
  );

  it("a protocol of another organisation's published plan: 403 in every shape, nothing appended; its dry run is a read", async () => {
    const published = world.A.predecessor;
    for (const [shape, send] of Object.entries(shapes(protocol(published), jsonProtocol(published)))) {
      const { response, appended } = await sent('b-meeting-officer', '/meetings/replay', send);
      expect({ shape, status: response.status }).toEqual({ shape, status: 403 });
      expect(response.body.message).toMatch(/meeting_officer in oslo-sv/);
      expect(appended).toBe(0);
      const dry = await sent('b-meeting-officer', '/meetings/replay?dryRun=true', send);
      expect({ shape, status: dry.response.status }).toEqual({ shape, status: 200 });
      expect(dry.appended).toBe(0);
    }
  });

  it("the organisation's own: a meeting officer replays, a viewer only dry-runs, no credentials 401", async () => {
    const text = protocol(world.A.plan);
    const viewerDry = await sent('a-viewer', '/meetings/replay?dryRun=true', (r) =>
      r.set('Content-Type', 'application/yaml').send(text),
    );
    expect(viewerDry.response.status).toBe(200);
    expect(viewerDry.response.body.markdown).toContain(INTRUSION);
    const viewer = await sent('a-viewer', '/meetings/replay', (r) =>
      r.set('Content-Type', 'application/yaml').send(text),
    );
    expect(viewer.response.status).toBe(403);
    expect(viewer.appended).toBe(0);
    const anonymous = await sent(undefined, '/meetings/replay?dryRun=true', (r) =>
      r.set('Content-Type', 'application/yaml').send(text),
    );
    expect(anonymous.response.status).toBe(401);
    const officer = await sent('a-meeting-officer', '/meetings/replay', (r) => r.send({ content: text }));
    expect(officer.response.status).toBe(201);
    expect(officer.appended).toBeGreaterThan(0);
  });

  it("a meeting id recorded for another organisation's internal plan is not a way in", async () => {
    // Bergen's published plan under the id of Oslo's meeting of its internal plan.
    const text = protocol(world.B.plan, world.A.meeting).replace('org: oslo-sv', 'org: bergen-sv');
    for (const dryRun of ['', '?dryRun=true']) {
      const { response, appended } = await sent('b-meeting-officer', `/meetings/replay${dryRun}`, (r) =>
        r.set('Content-Type', 'application/yaml').send(text),
      );
      expect(response.status).toBe(409);
      expect(response.text).not.toContain(world.A.plan);
      expect(appended).toBe(0);
    }
  });

  describe('imports', () => {
    const document = (id: string, org: string, predecessor?: string) =>
      [
        `plan: { id: ${id}, org: ${org}, title: Arbeidsplan, period: { from: 2028, to: 2031 }${predecessor ? `, predecessor: ${predecessor}` : ''} }`,
        'bodies: [ { code: FS, name: Fylkesstyret } ]',
        'sections:',
        `  - { number: "1", title: Organisasjon, measures: [ { text: "${INTRUSION}", responsible: [FS] } ] }`,
      ].join('\n');

    it('a document of another organisation: 403 whether raw or wrapped, nothing appended', async () => {
      const text = document(`oslo-sv-2028-${world.next()}`, 'oslo-sv');
      for (const send of [
        (r: request.Test) => r.set('Content-Type', 'application/yaml').send(text),
        (r: request.Test) => r.set('Content-Type', 'text/plain').send(text),
        (r: request.Test) => r.send({ content: text }),
      ]) {
        const { response, appended } = await sent('b-plan-editor', '/imports', send);
        expect(response.status).toBe(403);
        expect(response.body.message).toMatch(/plan_editor in oslo-sv/);
        expect(appended).toBe(0);
      }
    });

    it('the organisation an import acts on is the one of the document it imports, options included', async () => {
      // `org` re-homes the document: what is authorised is the document as it will be imported.
      const text = document(`oslo-sv-2028-${world.next()}`, 'oslo-sv');
      const { response } = await sent('b-plan-editor', '/imports', (r) =>
        r.send({ content: text, org: 'bergen-sv' }),
      );
      expect(response.status).toBe(201);
      const plan = await world.admin().get(`/plans/${response.body.planId}`).expect(200);
      expect(plan.body.organisationId).toBe('bergen-sv');
      const other = await sent('b-plan-editor', '/imports?org=oslo-sv', (r) =>
        r
          .set('Content-Type', 'application/yaml')
          .send(document(`bergen-sv-2028-${world.next()}`, 'bergen-sv')),
      );
      expect(other.response.status).toBe(403);
      expect(other.appended).toBe(0);
    });

    it("a document whose predecessor is another organisation's internal plan: as if it did not exist", async () => {
      const missing = await sent('b-plan-editor', '/imports', (r) =>
        r.send({ content: document(`bergen-sv-2028-${world.next()}`, 'bergen-sv', MISSING_PLAN) }),
      );
      const hidden = await sent('b-plan-editor', '/imports', (r) =>
        r.send({ content: document(`bergen-sv-2028-${world.next()}`, 'bergen-sv', world.A.plan) }),
      );
      expect(missing.response.status).toBe(404);
      expect(hidden.response.status).toBe(404);
      expect(hidden.response.body).toEqual({
        ...missing.response.body,
        message: missing.response.body.message.replace(MISSING_PLAN, world.A.plan),
      });
      expect(hidden.appended + missing.appended).toBe(0);
    });

    it('a dry run only shows what was sent: any signed-in user, nothing appended', async () => {
      const text = document(`oslo-sv-2028-${world.next()}`, 'oslo-sv', world.A.plan);
      const { response, appended } = await sent('nobody', '/imports?dryRun=true', (r) =>
        r.set('Content-Type', 'application/yaml').send(text),
      );
      expect(response.status).toBe(200);
      expect(response.body.document.plan.org).toBe('oslo-sv');
      expect(response.text).not.toContain(SECRET);
      expect(appended).toBe(0);
      expect(
        (await sent(undefined, '/imports?dryRun=true', (r) => r.send({ content: text }))).response.status,
      ).toBe(401);
    });
  });

  it("an amendment list for a meeting of another organisation's internal plan: as if there were no such meeting", async () => {
    const list =
      'Forslag 1\nForslagsstiller: Lokallaget\nType forslag: Stryking\nForslag: Stryke hele punktet.\n';
    const missing = await sent('b-meeting-officer', '/meetings/no-such-meeting/amendments/import', (r) =>
      r.set('Content-Type', 'text/plain').send(list),
    );
    const hidden = await sent('b-meeting-officer', `/meetings/${world.A.meeting}/amendments/import`, (r) =>
      r.send({ content: list }),
    );
    expect(missing.response.status).toBe(404);
    expect(hidden.response.status).toBe(404);
    expect(hidden.response.body.message).toBe(`Meeting "${world.A.meeting}" not found`);
    expect(hidden.appended).toBe(0);
  });
});
