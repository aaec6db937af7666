import { parseNorwegianNumber } from '@app/domain';
import { type Measurement } from '@app/plan-document';

/**
 * The target rule is the domain's (goalTargetFromText): the same for an imported goal as for one
 * added or reworded by a meeting's amendment. This is its name in the importer.
 */
export { goalTargetFromText as targetFor } from '@app/domain';

/** "31.12.2019" -> "2019-12-31". */
export function isoDate(dmy: string): string | undefined {
  const m = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(dmy);
  if (!m) return undefined;
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/**
 * The status figures plans report ("Oslo SV har 2993 medlemmer", status at 31.12.2019), most
 * specific first: the first rule that matches a sentence wins. Each pattern is written from a
 * sentence one of the seed documents actually contains.
 */
const MEASUREMENT_RULES: readonly { readonly metric: string; readonly pattern: RegExp }[] = [
  { metric: 'paying_members', pattern: /^(\d[\d.]*) betalende medlemmer/i },
  { metric: 'new_members', pattern: /^(\d[\d.]*) nye medlemmer/i },
  { metric: 'members_removed_for_non_payment', pattern: /^(\d[\d.]*) medlemmer er slettet/i },
  { metric: 'members_resigned', pattern: /^(\d[\d.]*) medlemmer er aktivt utmeldt/i },
  {
    metric: 'new_members_joined_group',
    pattern: /^(\d[\d.]*) nye har selv meldt seg på i en politisk gruppe/i,
  },
  { metric: 'members', pattern: /\bhar (\d[\d.]*) medlemmer\b/i },
  { metric: 'local_branches', pattern: /^(?:\S+ SV har )?(\d+) lokallag\.?\s*$/i },
  { metric: 'elected_representatives', pattern: /^(\d+) folkevalgte i bystyre og bydelsutvalg/i },
];

/**
 * A measurement from one status bullet. The date is the one the sentence gives ("per 31.12.2025"),
 * else the date of the status block it stands in ("Status 31.12.2019 for Oslo SV").
 */
export function measurementFrom(sentence: string, blockDate: string | undefined): Measurement | undefined {
  for (const { metric, pattern } of MEASUREMENT_RULES) {
    const m = pattern.exec(sentence);
    const value = m ? parseNorwegianNumber(m[1] ?? '') : undefined;
    if (value === undefined) continue;
    const at = isoDate(sentence) ?? blockDate;
    if (!at) return undefined;
    return { metric, value, at, text: sentence };
  }
  return undefined;
}
