/** DI token of the shared kysely database (`Database` from @app/database). */
export const DATABASE = Symbol('DATABASE');
/** DI token of the checked configuration (`PlanverkConfig`). */
export const CONFIG = Symbol('CONFIG');
