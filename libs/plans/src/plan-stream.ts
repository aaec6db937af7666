export const PLAN_STREAM_PREFIX = 'plan-';

export function planStreamId(planId: string): string {
  return `${PLAN_STREAM_PREFIX}${planId}`;
}
