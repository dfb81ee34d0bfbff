/** Action kinds whose `sql` input is a statement: a template there binds its holes as parameters. */
export const SQL_KINDS: ReadonlySet<string> = new Set(["run_sql", "generate_query"]);
