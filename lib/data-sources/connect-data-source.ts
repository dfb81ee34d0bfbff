import pg from "pg";
import type { DbClient } from "../db";
import type { EgressPolicy } from "../security/egress";
import { guardedStream } from "./guarded-socket";
import { FINGERPRINT_SQL, isAppFingerprint, namesAppDatabase } from "./own-database";
import type { PgTarget } from "./parse-connection-string";

// Connections to a workspace's PostgreSQL data sources: one pool per target and egress policy,
// every socket through the policy, and every use preceded by a check of what the login can do.

/** A data source that must not be used: the message says why. */
export class DataSourceRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataSourceRefused";
  }
}

/** bigint and numeric as JSON numbers, as an analyst expects them in a chart. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const pools = ((globalThis as { __czSqlPools?: Map<string, pg.Pool> }).__czSqlPools ??= new Map());

const policyKey = (p: EgressPolicy) => JSON.stringify([p.names, p.networks.map(([n, b]) => `${n.toString()}/${b}`)]);

function poolFor(target: PgTarget, policy: EgressPolicy): pg.Pool {
  const key = JSON.stringify([target, policyKey(policy)]);
  let pool = pools.get(key);
  if (!pool) {
    pool = new pg.Pool({
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      password: target.password,
      ssl: target.ssl === false ? false : target.ssl === "verify" ? true : { rejectUnauthorized: false },
      stream: guardedStream(policy),
      max: 4,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      types: typeParsers,
    });
    pool.on("error", () => {}); // an idle client dropping is not a step's failure
    pools.set(key, pool);
  }
  return pool;
}

/** Built-in roles and functions that reach the server's files or programs. Grants can hand them to any role. */
const SERVER_ROLES = ["pg_read_server_files", "pg_write_server_files", "pg_execute_server_program"];
const SERVER_FUNCTIONS = [
  "pg_read_file(text)", "pg_read_file(text,boolean)", "pg_read_file(text,bigint,bigint)", "pg_read_file(text,bigint,bigint,boolean)",
  "pg_read_binary_file(text)", "pg_read_binary_file(text,boolean)", "pg_read_binary_file(text,bigint,bigint)", "pg_read_binary_file(text,bigint,bigint,boolean)",
  "pg_ls_dir(text)", "pg_ls_dir(text,boolean,boolean)", "pg_stat_file(text)", "pg_stat_file(text,boolean)",
  "lo_import(text)", "lo_import(text,oid)", "lo_export(oid,text)",
];
const list = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]`;

// Roles are checked with MEMBER, not just inheritance: a member can SET ROLE to them inside a step.
const CHECK_SQL = `SELECT
  EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolsuper AND pg_has_role(current_user, r.oid, 'MEMBER')) AS superuser,
  ARRAY(SELECT r.rolname::text FROM pg_roles r WHERE r.rolname = ANY(${list(SERVER_ROLES)}) AND pg_has_role(current_user, r.oid, 'MEMBER')) AS server_roles,
  ARRAY(SELECT DISTINCT split_part(f, '(', 1) FROM unnest(${list(SERVER_FUNCTIONS)}) f
        WHERE EXISTS (SELECT 1 FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND has_function_privilege(r.oid, to_regprocedure(f), 'EXECUTE'))) AS server_functions,
  current_user::text AS role,
  ${FINGERPRINT_SQL} AS fingerprint`;

type CheckRow = { superuser: boolean; server_roles: string[]; server_functions: string[]; role: string; fingerprint: string };

/** Refuses a connection whose login could reach the server's files or programs, or that reached the app's own database. */
async function checkConnection(client: pg.PoolClient, db: DbClient) {
  const { rows } = await client.query<CheckRow>(CHECK_SQL);
  const row = rows[0]!;
  if (await isAppFingerprint(db, row.fingerprint)) throw new DataSourceRefused("this is the app's own database; data sources must point elsewhere");
  if (row.superuser) throw new DataSourceRefused(`role "${row.role}" is a superuser; use a role that can only read the data steps need`);
  if (row.server_roles.length)
    throw new DataSourceRefused(`role "${row.role}" is a member of ${row.server_roles.join(", ")}, which reach the server's files or programs; use a role without them`);
  if (row.server_functions.length)
    throw new DataSourceRefused(`role "${row.role}" may execute ${row.server_functions.join(", ")}, which reach the server's files; revoke them or use another role`);
}

/**
 * Runs `work` on a checked connection to the data source, then resets the connection (ROLLBACK,
 * DISCARD ALL), so that nothing a step leaves behind (advisory locks, settings, prepared
 * statements, temp tables) reaches the next step.
 */
export async function withDataSource<T>(
  opts: { db: DbClient; target: PgTarget; policy: EgressPolicy; timeoutMs: number },
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  if (await namesAppDatabase(opts.target)) throw new DataSourceRefused("this is the app's own database; data sources must point elsewhere");
  const client = await poolFor(opts.target, opts.policy)
    .connect()
    .catch((err: Error) => {
      throw new DataSourceUnreachable(`cannot connect to the data source: ${err.message}`, (err as { code?: string }).code === "EGRESS_REFUSED" || /is refused|TCP only/.test(err.message));
    });
  let broken: Error | undefined;
  try {
    // A cancel does not interrupt the statement; statement_timeout bounds it. The check's SELECT
    // takes the transaction's first snapshot: from then on PostgreSQL refuses to switch it to
    // read-write (SET TRANSACTION READ WRITE, set_config('transaction_read_only', …)).
    await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(opts.timeoutMs))}`);
    await checkConnection(client, opts.db);
    return await work(client);
  } finally {
    try {
      await client.query("ROLLBACK");
      await client.query("DISCARD ALL");
    } catch (err) {
      broken = err as Error;
    }
    client.release(broken ?? false); // a connection that cannot be reset is closed, not reused
  }
}

/** The data source could not be reached; `refused` when the egress policy stopped it. */
export class DataSourceUnreachable extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
    this.name = "DataSourceUnreachable";
  }
}
