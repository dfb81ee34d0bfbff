import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { loadEgressPolicy } from "../security/egress";
import { DataSourceRefused, DataSourceUnreachable, withDataSource } from "./connect-data-source";
import { ConnectionStringError, parseConnectionString } from "./parse-connection-string";

const FIELD = "body.connection_string";

/**
 * Refuses, before a data source is saved, what SQL steps would refuse: a connection string with
 * more than host, port, database, user, password and sslmode; a host the workspace's egress policy
 * does not open; the app's own database; a role that reaches the server's files or programs.
 * A server that cannot be reached yet is accepted: every step checks again when it connects.
 */
export async function verifyDataSource(opts: { db: DbClient; workspaceId: string; connectionString: string }): Promise<void> {
  const refuse = (why: string) => new ApiError("validation_error", `${FIELD}: ${why}`, { field: FIELD });
  let target;
  try {
    target = parseConnectionString(opts.connectionString);
  } catch (err) {
    if (err instanceof ConnectionStringError) throw refuse(err.message);
    throw err;
  }
  const policy = await loadEgressPolicy(opts.db, opts.workspaceId);
  try {
    await withDataSource({ db: opts.db, target, policy, timeoutMs: 10_000 }, async () => {});
  } catch (err) {
    if (err instanceof DataSourceRefused) throw refuse(err.message);
    if (err instanceof DataSourceUnreachable && err.refused) throw refuse(err.message.replace(/^cannot connect to the data source: /, ""));
    if (err instanceof DataSourceUnreachable) return;
    if (err instanceof Error && "severity" in err) throw refuse(`the server did not answer the safety check: ${err.message}`);
    throw err;
  }
}
