import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_api_tokens: issued tokens by the SHA-256 of their secret, with when they ended. */
export interface ApiTokensTable {
  token_id: string;
  user_id: string;
  token_hash: string;
  label: string;
  expires_at: string | null;
  issued_at: string;
  revoked_at: string | null;
}

export type ApiTokenRow = Selectable<ApiTokensTable>;
export type NewApiTokenRow = Insertable<ApiTokensTable>;
export type ApiTokenUpdate = Updateable<ApiTokensTable>;
