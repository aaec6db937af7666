/**
 * A `json`/`jsonb` column's value as read: node-postgres parses it, PGlite through our dialect
 * may hand back its text. Either way, the value.
 */
export const parseJsonColumn = <T = unknown>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
