import type { Kysely } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rm_users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    // Not unique here: the user stream (its id follows from the name) keeps names unique, and a
    // constraint in a read model could only stop the projection.
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('external_issuer', 'text')
    .addColumn('external_subject', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rm_users_username').on('rm_users').column('username').execute();
  await db.schema
    .createIndex('rm_users_external')
    .on('rm_users')
    .columns(['external_issuer', 'external_subject'])
    .execute();

  await db.schema
    .createTable('rm_api_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema.createIndex('rm_api_tokens_hash').on('rm_api_tokens').column('token_hash').execute();

  // One row per grant, kept after revocation: "who held which role when" is answerable.
  await db.schema
    .createTable('rm_role_grants')
    .addColumn('grant_event_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('rm_role_grants_user').on('rm_role_grants').column('user_id').execute();
  await db.schema
    .createIndex('rm_role_grants_organisation')
    .on('rm_role_grants')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('rm_plan_visibility')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rm_plan_visibility', 'rm_role_grants', 'rm_api_tokens', 'rm_users']) {
    await db.schema.dropTable(table).execute();
  }
}
