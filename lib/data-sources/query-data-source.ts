import type pg from "pg";
import type { DbClient } from "../db";
import { loadEgressPolicy } from "../security/egress";
import { withDataSource } from "./connect-data-source";
import { parseConnectionString } from "./parse-connection-string";

export type SqlResult = { columns: string[]; rows: Record<string, unknown>[]; row_count: number; truncated?: true };

/** Runs one statement on a workspace's data source, read-only, checked and bounded in time. */
export async function queryDataSource(opts: { db: DbClient; workspaceId: string; connectionString: string; sql: string; params?: unknown[]; timeoutMs: number; maxRows: number }): Promise<SqlResult> {
  const target = parseConnectionString(opts.connectionString);
  const policy = await loadEgressPolicy(opts.db, opts.workspaceId);
  return withDataSource({ db: opts.db, target, policy, timeoutMs: opts.timeoutMs }, async (client) => {
    // Extended protocol: one statement only, so "ROLLBACK; DELETE …" cannot escape the transaction.
    const res = await client.query({ text: opts.sql, values: opts.params ?? [], queryMode: "extended" } as pg.QueryConfig);
    const rows = res.rows.slice(0, opts.maxRows);
    return { columns: res.fields.map((f) => f.name), rows, row_count: res.rows.length, ...(res.rows.length > rows.length ? { truncated: true as const } : {}) };
  });
}
