import type { Role } from '@app/domain';
import {
  formatDateNb,
  formatNumberNb,
  metricLabelNb,
  STATUS_LABEL_NB,
  formatPeriodNb,
} from '@app/read-models';

/** Norwegian words for the statuses: the same as the reports and exports use. */
export const STATUS_LABEL = STATUS_LABEL_NB;

/** An indicator's name ("Medlemmer"): the same words as the reports. */
export const metricLabel = metricLabelNb;

export function statusLabel(status: string): string {
  return (STATUS_LABEL as Record<string, string>)[status] ?? status;
}

export { BODY_CODE, EARLIEST_DATE, isIsoDate, isMeasureStatus, LATEST_DATE } from '@app/domain';

export const PLAN_STATUS_LABEL: Record<string, string> = {
  draft: 'Utkast',
  adopted: 'Vedtatt',
  superseded: 'Erstattet',
};

/** Every role has its word: a role added to the domain without one does not type-check. */
const ROLE_LABEL: Record<Role, string> = {
  viewer: 'leser',
  member: 'medlem',
  secretary: 'sekretær',
  meeting_officer: 'møtefunksjonær',
  plan_editor: 'planredaktør',
  admin: 'administrator',
};

/** A role in Norwegian, lower case as in running text ("sekretær"). */
export function roleLabel(role: string): string {
  return (ROLE_LABEL as Record<string, string>)[role] ?? role;
}

export const LEVEL_LABEL: Record<string, string> = {
  national: 'Sentralt',
  county: 'Fylkeslag',
  local: 'Lokallag',
};

/** 2026-03-14 -> 14.03.2026: the same as the reports. */
export const formatDate = formatDateNb;

/** 3394 -> "3 394": the same as the reports. */
export const formatNumber = formatNumberNb;

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function planLabel(plan: { title: string; period: { from: number; to: number } }): string {
  return plan.title.includes(String(plan.period.from))
    ? plan.title
    : `${plan.title} (${formatPeriodNb(plan.period)})`;
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "1 kapittel", "3 kapitler": a number with the word in the form it takes. */
export function countNb(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** "Tiltak 4.1.B" -> "tiltak 4.1.B": only the first letter, so addresses keep their capitals. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('nb') + text.slice(1);
}
