/**
 * What a writer expects of a stream before appending:
 * - 'any': no check;
 * - 'no_stream': the stream must not exist yet;
 * - 'stream_exists': it must exist, at any revision;
 * - a bigint: the revision of its last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;
