import type { ColumnType } from 'kysely';

/**
 * A `json`/`jsonb` column holding a `T`: read as the value (node-postgres parses it; PGlite
 * through our dialect may hand back its text), written as JSON text.
 */
export type JsonColumn<T> = ColumnType<T | string, string, string>;

/** A `json`/`jsonb` column that may be null. */
export type NullableJsonColumn<T> = ColumnType<T | string | null, string | null, string | null>;

/**
 * An `int8` or `numeric` column: read as its decimal text (pg's default for int8, and PGlite's
 * with our parsers), written as a number, a bigint or decimal text.
 */
export type Int8Column = ColumnType<string, string | number | bigint, string | number | bigint>;

/** A `json`/`jsonb` column's value as read (its text, if that is what the driver gave): the value. */
export const parseJsonColumn = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;
