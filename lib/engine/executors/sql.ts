import { config } from "../../config";
import type { DbClient } from "../../db";
import { ConnectionStringError } from "../../data-sources/parse-connection-string";
import { DataSourceRefused, DataSourceUnreachable } from "../../data-sources/connect-data-source";
import { queryDataSource } from "../../data-sources/query-data-source";
import { openSecret } from "../../security/secrets";
import { queryWarehouse } from "../warehouse/pool";
import { warehouseStatementProblem } from "../warehouse/read-only-statement";
import { StepError } from "../../errors";
import { type ExecContext, type Executor } from "./types";

// SQL steps: the frozen SQL, run read-only with a time limit, against the demo warehouse or a
// workspace's PostgreSQL data source.

export type { SqlResult } from "../../data-sources/query-data-source";

export const DEMO_WAREHOUSE = "demo_warehouse";
const MAX_ROWS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

async function findDataSource(db: DbClient, workspaceId: string, name: string) {
  return db.dataSource.findFirst({ where: { workspaceId, OR: [{ name }, { id: name }] } });
}

export const runSql: Executor = async (inputs, ctx: ExecContext) => {
  const sql = inputs.sql;
  if (typeof sql !== "string" || !sql.trim()) throw new StepError("inputs.sql must be a SQL statement", false);
  // Bound values for $1, $2…: a template's holes land here, never in the SQL text.
  const params = inputs.params ?? [];
  if (!Array.isArray(params)) throw new StepError("inputs.params must be a list of values for $1, $2, …", false);
  const name = typeof inputs.data_source === "string" && inputs.data_source ? inputs.data_source : DEMO_WAREHOUSE;
  const source = await findDataSource(ctx.db, ctx.workspaceId, name);
  if (source) {
    const timeoutMs = Math.min(ctx.step.timeout_ms ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS * 10);
    try {
      return await queryDataSource({ db: ctx.db, workspaceId: ctx.workspaceId, connectionString: openSecret(source.connectionString), sql, params, timeoutMs, maxRows: MAX_ROWS });
    } catch (err) {
      if (err instanceof DataSourceRefused || err instanceof ConnectionStringError) throw new StepError(`data source "${source.name}" is refused: ${err.message}`, false);
      if (err instanceof DataSourceUnreachable) throw new StepError(err.message, !err.refused);
      throw new StepError((err as Error).message, false);
    }
  }
  if (name !== DEMO_WAREHOUSE) throw new StepError(`data source "${name}" is not configured in this workspace`, false);
  const problem = warehouseStatementProblem(sql);
  if (problem) throw new StepError(problem, false);
  // The warehouse is shared: a step gets at most the operator's cap, whatever it asks for.
  const timeoutMs = Math.min(ctx.step.timeout_ms ?? config.warehouseTimeoutMs, config.warehouseTimeoutMs);
  return queryWarehouse({ workspaceId: ctx.workspaceId, sql, params, timeoutMs, signal: ctx.signal });
};

/** Whether a step's data source exists: activation refuses steps that point nowhere. */
export async function dataSourceExists(db: DbClient, { workspaceId, name }: { workspaceId: string; name: unknown }): Promise<boolean> {
  if (name === undefined || name === null || name === "" || name === DEMO_WAREHOUSE) return true;
  return typeof name === "string" && (await findDataSource(db, workspaceId, name)) !== null;
}
