import { createHash } from 'node:crypto';

/**
 * A short digest of a read model's JSON, stored beside it: the key that tells whether texts or a
 * timeline are still the ones something was made from (kept lineage, plan-now's kept timelines).
 */
export const jsonDigest = (json: string): string => createHash('sha1').update(json).digest('base64');
