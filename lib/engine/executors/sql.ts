import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import type { DbClient } from "../../db";
import { openSecret } from "../../security/secrets";
import { StepError, type ExecContext, type Executor } from "../types";

// SQL steps: the frozen SQL, run read-only with a time limit, against the demo warehouse or a
// workspace's PostgreSQL data source.

export const DEMO_WAREHOUSE = "demo_warehouse";
const MAX_ROWS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** `truncated` appears only when rows were cut, so a result reads like the agent's tool result. */
export type SqlResult = { columns: string[]; rows: Record<string, unknown>[]; row_count: number; truncated?: true };

type Pending = { sql: string; moves: number; resolve: (r: SqlResult) => void; reject: (e: Error) => void };
type Warehouse = { worker: Worker; pending: Map<number, Pending> };
const state = ((globalThis as { __czWarehouse?: { current?: Warehouse; nextId: number } }).__czWarehouse ??= { nextId: 1 });

function startWarehouse(): Warehouse {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/engine/warehouse/worker.mjs");
  const worker = new Worker(file);
  const w: Warehouse = { worker, pending: new Map() };
  worker.unref();
  worker.on("message", (msg: { id: number; result?: SqlResult; error?: string }) => {
    const p = w.pending.get(msg.id);
    w.pending.delete(msg.id);
    if (msg.error !== undefined) p?.reject(new StepError(msg.error, false));
    else p?.resolve(msg.result!);
  });
  worker.on("error", (err) => retire(w, err.message));
  worker.on("exit", () => retire(w, "exited"));
  return w;
}

const warehouse = () => (state.current ??= startWarehouse());

function send(id: number, p: Pending) {
  const w = warehouse();
  w.pending.set(id, p);
  w.worker.postMessage({ id, sql: p.sql, maxRows: MAX_ROWS });
}

/** Takes a warehouse out of service; the queries still queued on it move to a fresh one. */
function retire(w: Warehouse, reason: string) {
  if (state.current === w) state.current = undefined;
  const queued = [...w.pending];
  w.pending.clear();
  void w.worker.terminate();
  // A warehouse that keeps dying (it cannot start, say) fails its queries instead of looping.
  for (const [id, p] of queued) {
    if (p.moves++ < 2) send(id, p);
    else p.reject(new StepError(`demo warehouse unavailable: ${reason}`));
  }
}

function queryWarehouse(sql: string, timeoutMs: number, signal: AbortSignal): Promise<SqlResult> {
  const id = state.nextId++;
  return new Promise<SqlResult>((resolve, reject) => {
    // PGlite cannot cancel a statement, so a query past its limit costs the thread: it is
    // terminated, and the other queries waiting on it run on a fresh warehouse.
    const stop = (message: string) => {
      clearTimeout(timer);
      const w = [state.current].find((x) => x?.pending.has(id));
      w?.pending.delete(id);
      if (w) retire(w, message);
      reject(new StepError(message));
    };
    const timer = setTimeout(() => stop(`statement timeout: the query ran longer than ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => stop(typeof signal.reason === "string" ? signal.reason : "canceled");
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => (clearTimeout(timer), signal.removeEventListener("abort", onAbort));
    send(id, { sql, moves: 0, resolve: (r) => (settle(), resolve(r)), reject: (e) => (settle(), reject(e)) });
  });
}

/** bigint and numeric as JSON numbers, as an analyst expects them in a chart. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const pools = ((globalThis as { __czSqlPools?: Map<string, pg.Pool> }).__czSqlPools ??= new Map());

function poolFor(connectionString: string): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 30_000, types: typeParsers });
    pool.on("error", () => {}); // an idle client dropping is not the step's failure
    pools.set(connectionString, pool);
  }
  return pool;
}

async function queryPostgres(connectionString: string, sql: string, timeoutMs: number): Promise<SqlResult> {
  const client = await poolFor(connectionString).connect().catch((err: Error) => {
    throw new StepError(`cannot connect to the data source: ${err.message}`);
  });
  // A cancel does not interrupt the statement; statement_timeout bounds it.
  try {
    // SELECT 1 takes the transaction's first snapshot: from then on PostgreSQL refuses to switch
    // it to read-write (SET TRANSACTION READ WRITE, set_config('transaction_read_only', …)).
    await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}; SELECT 1`);
    // Extended protocol: one statement only, so "ROLLBACK; DELETE …" cannot escape the transaction.
    const res = await client.query({ text: sql, queryMode: "extended" } as pg.QueryConfig);
    const rows = res.rows.slice(0, MAX_ROWS);
    return { columns: res.fields.map((f) => f.name), rows, row_count: res.rows.length, ...(res.rows.length > rows.length ? { truncated: true as const } : {}) };
  } catch (err) {
    throw new StepError((err as Error).message, false);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}

async function findDataSource(db: DbClient, workspaceId: string, name: string) {
  return db.dataSource.findFirst({ where: { workspaceId, OR: [{ name }, { id: name }] } });
}

export const runSql: Executor = async (inputs, ctx: ExecContext) => {
  const sql = inputs.sql;
  if (typeof sql !== "string" || !sql.trim()) throw new StepError("inputs.sql must be a SQL statement", false);
  const name = typeof inputs.data_source === "string" && inputs.data_source ? inputs.data_source : DEMO_WAREHOUSE;
  const timeoutMs = Math.min(ctx.step.timeout_ms ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS * 10);
  const source = await findDataSource(ctx.db, ctx.workspaceId, name);
  if (source) return queryPostgres(openSecret(source.connectionString), sql, timeoutMs);
  if (name === DEMO_WAREHOUSE) return queryWarehouse(sql, timeoutMs, ctx.signal);
  throw new StepError(`data source "${name}" is not configured in this workspace`, false);
};

/** Whether a step's data source exists: activation refuses steps that point nowhere. */
export async function dataSourceExists(db: DbClient, workspaceId: string, name: unknown): Promise<boolean> {
  if (name === undefined || name === null || name === "" || name === DEMO_WAREHOUSE) return true;
  return typeof name === "string" && (await findDataSource(db, workspaceId, name)) !== null;
}
