import { mayCall } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';

/** The follow-up actions' routes: the controller declares them, the access policy names them. */
export const FOLLOW_UP_ROUTE = 'plan/:id/tiltak/:measureId';
export const STATUS_ACTION = 'status';
export const RESPONSIBLE_ACTION = 'ansvar';

/** Which follow-up forms a visitor may post on a plan of `organisationId`. */
export interface FollowUpPermissions {
  readonly status: boolean;
  readonly responsible: boolean;
}

export const NO_FOLLOW_UP: FollowUpPermissions = { status: false, responsible: false };

/** Decided by the access policy's own rows, as the guard will decide the post. */
export function followUpPermissions(
  principal: Principal | undefined,
  organisationId: string,
): FollowUpPermissions {
  const may = (action: string) =>
    mayCall(principal?.grants, 'POST', `/${FOLLOW_UP_ROUTE}/${action}`, organisationId);
  return { status: may(STATUS_ACTION), responsible: may(RESPONSIBLE_ACTION) };
}

export function mayFollowUp(permissions: FollowUpPermissions): boolean {
  return permissions.status || permissions.responsible;
}
