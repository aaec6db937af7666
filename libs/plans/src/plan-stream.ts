export const PLAN_STREAM_PREFIX = 'plan-';
export const ORGANISATION_STREAM_PREFIX = 'organisation-';

export function planStreamId(planId: string): string {
  return `${PLAN_STREAM_PREFIX}${planId}`;
}

export function organisationStreamId(organisationId: string): string {
  return `${ORGANISATION_STREAM_PREFIX}${organisationId}`;
}
