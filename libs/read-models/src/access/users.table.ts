import type { Insertable, Selectable, Updateable } from 'kysely';

/** rm_users: accounts, for listings and audits (never what decides who a request comes from). */
export interface UsersTable {
  user_id: string;
  username: string;
  password_hash: string | null;
  external_issuer: string | null;
  external_subject: string | null;
  registered_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
