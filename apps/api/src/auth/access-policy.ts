import { grantsAllow, type Role, type RoleGrant } from '@app/domain';
import type { LinkField } from '@app/plans';

/**
 * The one access policy of the api: method + route pattern -> who may call it. The access
 * guard looks every request up here; a write route without a row is refused (fail closed),
 * and a test checks that every write route of the OpenAPI description has a row.
 *
 * Patterns are Express route patterns as the controllers declare them (`/plans/:id/sections`);
 * a pattern ending in `/*` also covers every route below it. The most specific row wins:
 * exact patterns before wildcards, longer wildcards before shorter.
 */

/** Where the organisation a request acts on is found. */
export type OrganisationSource =
  /** The plan in a path parameter: the organisation that owns the plan (from its first event). */
  | { readonly from: 'plan-param'; readonly param: string }
  /** An organisation id in a path parameter. */
  | { readonly from: 'organisation-param'; readonly param: string }
  /** An organisation id in the JSON body (e.g. POST /plans `organisationId`). */
  | { readonly from: 'body-organisation'; readonly field: string }
  /** A new organisation: admin of its parent, or of the whole system for a top-level one. */
  | { readonly from: 'new-organisation' }
  /**
   * An import: the organisation of its document as it will be imported and the existing plan's,
   * read from the document itself (RequestDocuments, the same reading the handler imports). Its
   * dry run is a read (only what was sent is shown): signed in is enough.
   */
  | { readonly from: 'import' }
  /** A meeting in a path parameter: its organisation and that of the plan it treats. */
  | { readonly from: 'meeting-param'; readonly param: string }
  /** A new meeting (POST /meetings): its `organisationId` and the organisation of its `planId` (both). */
  | { readonly from: 'meeting-body' }
  /**
   * A protocol to replay, as read (RequestDocuments, the same reading the handler replays): its
   * meeting's `org` and the organisation of its `plan`, and those of a meeting recorded under
   * its id. Its dry run is a read of those plans: no role needed.
   */
  | { readonly from: 'protocol' }
  /** The role in any organisation (e.g. an organisation admin creating a user account). */
  | { readonly from: 'any' };

/** Where the plan whose visibility decides a read is found. */
export type PlanSource =
  | { readonly from: 'plan-param'; readonly param: string }
  | { readonly from: 'measure-param'; readonly param: string }
  /** The plan a meeting in a path parameter treats (from the meeting's first event). */
  | { readonly from: 'meeting-param'; readonly param: string }
  /** A plan named in the query string (`?fromPlan=`), when given. */
  | { readonly from: 'query-param'; readonly param: string }
  /** The plan compared with: `?<query>=` when given, else the predecessor of the plan in `param`. */
  | { readonly from: 'compared-plan'; readonly param: string; readonly query: string };

export type Requirement =
  /** Anyone, signed in or not (sign-in itself, health, published plans). */
  | { readonly kind: 'public' }
  /** Any signed-in user; the handler checks what is theirs. */
  | { readonly kind: 'signed-in' }
  /**
   * One of `roles` in the organisation(s) the request acts on. `links`: body fields naming
   * other plans (predecessor, parent, lineage), each of which the caller must be able to read.
   */
  | {
      readonly kind: 'role';
      readonly roles: readonly Role[];
      readonly organisation: OrganisationSource;
      readonly links?: readonly LinkField[];
    }
  /**
   * A published plan: anyone; an internal plan: at least viewer in its organisation. `also`:
   * further plans the answer shows (a predecessor compared with), each under the same rule.
   */
  | { readonly kind: 'read-plan'; readonly plan: PlanSource; readonly also?: readonly PlanSource[] };

export type VisibilityFilter = 'plan-list' | 'organisation-plans' | 'meeting-list';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AccessRule {
  readonly method: HttpMethod;
  readonly path: string;
  readonly requires: Requirement;
  /** Lists in the answer lose the internal plans (or their meetings) the caller may not read. */
  readonly filter?: VisibilityFilter;
}

const PLAN = { from: 'plan-param', param: 'id' } as const;
const role = (
  roles: Role | Role[],
  organisation: OrganisationSource = PLAN,
  links?: readonly LinkField[],
): Requirement => ({
  kind: 'role',
  roles: Array.isArray(roles) ? roles : [roles],
  organisation,
  ...(links ? { links } : {}),
});
const rule = (method: HttpMethod, path: string, requires: Requirement, extra: Partial<AccessRule> = {}) =>
  ({ method, path, requires, ...extra }) as AccessRule;
const PUBLIC: Requirement = { kind: 'public' };
const READ_PLAN: Requirement = { kind: 'read-plan', plan: PLAN };
/** The plan and the one it is compared with (`?fromPlan=`, else its predecessor). */
const READ_PLAN_AND_COMPARED: Requirement = {
  kind: 'read-plan',
  plan: PLAN,
  also: [{ from: 'compared-plan', param: 'id', query: 'fromPlan' }],
};
const READ_MEETING: Requirement = { kind: 'read-plan', plan: { from: 'meeting-param', param: 'id' } };

export const ACCESS_POLICY: readonly AccessRule[] = [
  // Sign-in, tokens, users and roles
  rule('GET', '/logg-inn', PUBLIC),
  rule('POST', '/logg-inn', PUBLIC),
  rule('POST', '/logg-ut', PUBLIC),
  rule('GET', '/auth/oidc', PUBLIC),
  rule('GET', '/auth/oidc/callback', PUBLIC),
  rule('POST', '/auth/tokens', PUBLIC), // credentials in the body, or a signed-in caller: checked by the handler
  rule('DELETE', '/auth/tokens/:tokenId', { kind: 'signed-in' }), // own tokens; a system admin any
  rule('GET', '/auth/me', { kind: 'signed-in' }),
  rule('POST', '/users', role('admin', { from: 'any' })),
  rule('POST', '/users/:userId/password', { kind: 'signed-in' }), // oneself, or a system admin
  rule('POST', '/users/:userId/sign-out-everywhere', { kind: 'signed-in' }), // oneself, or a system admin
  rule('GET', '/organisations/:id/roles', role('admin', { from: 'organisation-param', param: 'id' })),
  rule('POST', '/organisations/:id/roles', role('admin', { from: 'organisation-param', param: 'id' })),
  rule('POST', '/organisations/:id/roles/revoke', role('admin', { from: 'organisation-param', param: 'id' })),

  // Organisations
  rule('POST', '/organisations', role('admin', { from: 'new-organisation' })),
  rule('POST', '/organisations/:id/bodies', role('plan_editor', { from: 'organisation-param', param: 'id' })),
  rule('GET', '/organisations/:id', PUBLIC, { filter: 'organisation-plans' }),

  // Plans: drafts (plan editor), follow-up (secretary), adoption (meeting officer or plan editor)
  rule('GET', '/plans', PUBLIC, { filter: 'plan-list' }),
  rule('GET', '/plans/:id', READ_PLAN),
  rule('GET', '/plans/:id/*', READ_PLAN),
  rule('GET', '/plans/:id/diff', {
    kind: 'read-plan',
    plan: PLAN,
    also: [{ from: 'query-param', param: 'fromPlan' }],
  }),
  rule('GET', '/plans/:id/lineage', READ_PLAN_AND_COMPARED),
  rule('GET', '/plans/:id/audit', READ_PLAN_AND_COMPARED),
  // Who could change the plan on a day: the names of its organisation's role holders, for its admins.
  rule('GET', '/plans/:id/access', role('admin')),
  rule(
    'POST',
    '/plans',
    role('plan_editor', { from: 'body-organisation', field: 'organisationId' }, [
      'predecessorPlanId',
      'parentPlanId',
    ]),
  ),
  rule('POST', '/plans/:id/visibility', role('admin')),
  rule('POST', '/plans/:id/sections', role('plan_editor')),
  rule('POST', '/plans/:id/sections/:sectionId/title', role('plan_editor')),
  rule('POST', '/plans/:id/measures', role('plan_editor')),
  rule('POST', '/plans/:id/title', role('plan_editor')),
  rule('POST', '/plans/:id/links', role('plan_editor', PLAN, ['predecessorPlanId', 'parentPlanId'])),
  rule('POST', '/plans/:id/bodies', role('plan_editor')),
  rule('POST', '/plans/:id/supersede', role('plan_editor', PLAN, ['byPlanId'])),
  rule('POST', '/plans/:id/adopt', role(['meeting_officer', 'plan_editor'])),
  rule('POST', '/plans/:id/goals', role('plan_editor')),
  rule('POST', '/plans/:id/goals/:goalId/text', role('plan_editor')),
  rule('POST', '/plans/:id/goals/:goalId/target', role('plan_editor')),
  rule('POST', '/plans/:id/goals/:goalId/strike', role('plan_editor')),
  rule('POST', '/plans/:id/measurements', role('secretary')),
  rule('POST', '/plans/:id/measures/:measureId/text', role('plan_editor')),
  rule('POST', '/plans/:id/measures/:measureId/move', role('plan_editor')),
  rule('POST', '/plans/:id/measures/:measureId/timing', role('plan_editor')),
  rule('POST', '/plans/:id/measures/:measureId/strike', role('plan_editor')),
  rule('POST', '/plans/:id/measures/:measureId/status', role('secretary')),
  rule('POST', '/plans/:id/measures/:measureId/notes', role('secretary')),
  rule('POST', '/plans/:id/measures/:measureId/responsible', role('secretary')),
  rule('POST', '/plans/:id/lineage/confirm', role('plan_editor', PLAN, ['fromPlanId'])),
  rule('POST', '/plans/:id/lineage/reject', role('plan_editor', PLAN, ['fromPlanId'])),
  rule('GET', '/measures/:id/history', { kind: 'read-plan', plan: { from: 'measure-param', param: 'id' } }),
  rule('POST', '/imports', role('plan_editor', { from: 'import' })),

  // Meetings: amendments, recommendations, votes and replay (meeting officer); read like their plan
  rule('GET', '/meetings', PUBLIC, { filter: 'meeting-list' }),
  rule('GET', '/meetings/:id', READ_MEETING),
  rule('GET', '/meetings/:id/*', READ_MEETING),
  rule('POST', '/meetings', role('meeting_officer', { from: 'meeting-body' })),
  rule('POST', '/meetings/replay', role('meeting_officer', { from: 'protocol' })),
  // Members file their own amendments before the deadline and withdraw them; the handler checks
  // which are theirs and the deadline. The officer files and withdraws any.
  rule(
    'POST',
    '/meetings/:id/amendments',
    role(['member', 'meeting_officer'], { from: 'meeting-param', param: 'id' }),
  ),
  rule(
    'POST',
    '/meetings/:id/amendments/:no/withdraw',
    role(['member', 'meeting_officer'], { from: 'meeting-param', param: 'id' }),
  ),
  rule('POST', '/meetings/:id/*', role('meeting_officer', { from: 'meeting-param', param: 'id' })),
  rule('PUT', '/meetings/:id/*', role('meeting_officer', { from: 'meeting-param', param: 'id' })),
  rule('DELETE', '/meetings/:id/*', role('meeting_officer', { from: 'meeting-param', param: 'id' })),

  // Pages (HTML): plans read like the api; their forms are added here as they are built. The
  // organisation pages are open, and leave out the internal plans the caller may not read.
  rule('GET', '/org/:orgId', PUBLIC),
  rule('GET', '/org/:orgId/ansvar', PUBLIC),
  rule('GET', '/plan/:id', READ_PLAN),
  rule('GET', '/plan/:id/*', READ_PLAN),
  rule('POST', '/plan/:id/tiltak/:measureId/status', role('secretary')),
  rule('POST', '/plan/:id/tiltak/:measureId/ansvar', role('secretary')),
  rule('POST', '/plan/:id/revisjon/bekreft', role('plan_editor')),
  rule('POST', '/plan/:id/revisjon/avvis', role('plan_editor')),
  // Meeting pages: read like the plan the meeting treats; the officer's forms need meeting_officer.
  rule('POST', '/plan/:id/moter', role('meeting_officer')),
  // Import pages: anyone signed in may upload a file and review what was read (a dry run); the
  // import itself is authorised as POST /imports, on the plan as read and corrected.
  rule('GET', '/import', { kind: 'signed-in' }),
  rule('POST', '/import/gjennomgang', { kind: 'signed-in' }),
  rule('POST', '/import/lagre', role('plan_editor', { from: 'import' })),
  rule('GET', '/mote/:id', READ_MEETING),
  rule('GET', '/mote/:id/*', READ_MEETING),
  // As on the api: members file their own amendments from the pages and withdraw them.
  rule(
    'POST',
    '/mote/:id/forslag',
    role(['member', 'meeting_officer'], { from: 'meeting-param', param: 'id' }),
  ),
  rule(
    'POST',
    '/mote/:id/forslag/:no/trekk',
    role(['member', 'meeting_officer'], { from: 'meeting-param', param: 'id' }),
  ),
  rule('POST', '/mote/:id/*', role('meeting_officer', { from: 'meeting-param', param: 'id' })),
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWrite(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The row for a request, or undefined: then a read is public and a write is refused. */
export function findRule(
  method: string,
  routePath: string,
  policy: readonly AccessRule[] = ACCESS_POLICY,
): AccessRule | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const candidates = policy.filter((r) => r.method === m);
  const exact = candidates.find((r) => r.path === routePath);
  if (exact) return exact;
  return candidates
    .filter((r) => r.path.endsWith('/*') && routePath.startsWith(r.path.slice(0, -1)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** Whether `grants` hold one of `roles` in `organisationId`: the guard's role check, in one place. */
export function rolesAllow(
  roles: readonly Role[],
  grants: readonly RoleGrant[],
  organisationId: string,
): boolean {
  return roles.some((r) => grantsAllow(grants, r, organisationId));
}

/**
 * Whether a caller with `grants` (undefined: not signed in) may call `method routePath` on the
 * data of `organisationId`, by the row the guard looks up: pages show a form only to those who
 * may post it. The plan's visibility is not asked: a page showing the form already shows the plan.
 */
export function mayCall(
  grants: readonly RoleGrant[] | undefined,
  method: HttpMethod,
  routePath: string,
  organisationId: string,
): boolean {
  const rule = findRule(method, routePath);
  if (!rule) return !isWrite(method);
  const requirement = rule.requires;
  switch (requirement.kind) {
    case 'public':
    case 'read-plan':
      return true;
    case 'signed-in':
      return grants !== undefined;
    case 'role':
      return grants !== undefined && rolesAllow(requirement.roles, grants, organisationId);
    default: {
      const unhandled: never = requirement;
      throw new Error(`Unknown requirement: ${String(unhandled)}`);
    }
  }
}

/** The roles a route needs (for a page's message on a refusal), or none. */
export function rolesFor(method: string, routePath: string): readonly Role[] {
  const requirement = findRule(method, routePath)?.requires;
  return requirement?.kind === 'role' ? requirement.roles : [];
}

/** Page paths: their forms must carry a CSRF token (the sign-in page, `/`, `/org/...`, `/plan/...`, `/mote/...`). */
export function isPagePath(path: string): boolean {
  return (
    path === '/' ||
    path === '/logg-inn' ||
    path === '/logg-ut' ||
    path.startsWith('/org/') ||
    path === '/org' ||
    path.startsWith('/plan/') ||
    path === '/plan' ||
    path.startsWith('/mote/') ||
    path === '/import' ||
    path.startsWith('/import/')
  );
}
