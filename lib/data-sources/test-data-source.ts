import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { loadEgressPolicy } from "../security/egress";
import { openSecret } from "../security/secrets";
import { DataSourceRefused, DataSourceUnreachable, withDataSource } from "./connect-data-source";
import { ConnectionStringError, parseConnectionString } from "./parse-connection-string";
import { getDataSourceOrThrow } from "./get-data-source";
import { describeConnectionError } from "./describe-connection-error";

const MAX_TABLES = 200;
const TABLES_SQL = `SELECT table_schema AS schema, table_name AS name, table_type AS type FROM information_schema.tables
  WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'
  ORDER BY 1, 2 LIMIT ${MAX_TABLES + 1}`;

/**
 * Connects to a stored data source as a SQL step would (the egress policy, the login check, a
 * read-only transaction) and lists the tables its login can see. A source that cannot be reached
 * or is refused is a 422 saying why in words.
 */
export async function testDataSource(db: DbClient, { workspaceId, dataSourceId }: { workspaceId: string; dataSourceId: string }) {
  const source = await getDataSourceOrThrow(db, { workspaceId, dataSourceId });
  const fail = (why: string) => new ApiError("unprocessable", `The connection test failed: ${describeConnectionError(why)}`);
  try {
    const target = parseConnectionString(openSecret(source.connectionString));
    const policy = await loadEgressPolicy(db, workspaceId);
    const rows = await withDataSource({ db, target, policy, timeoutMs: 10_000 }, async (client) => (await client.query<{ schema: string; name: string; type: string }>(TABLES_SQL)).rows);
    return {
      id: source.id,
      ok: true as const,
      tables: rows.slice(0, MAX_TABLES).map((r) => ({ schema: r.schema, name: r.name, view: r.type === "VIEW" })),
      truncated: rows.length > MAX_TABLES,
    };
  } catch (err) {
    if (err instanceof ConnectionStringError || err instanceof DataSourceRefused || err instanceof DataSourceUnreachable) throw fail(err.message);
    if (err instanceof Error && "severity" in err) throw fail(`the server answered: ${err.message}`);
    throw err;
  }
}
