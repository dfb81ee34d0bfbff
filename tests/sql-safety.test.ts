import { randomUUID } from "node:crypto";
import { ORDER_ROWS } from "../lib/demo/demo-data";
import net from "node:net";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as dataSources from "../app/api/v1/data-sources/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { newId } from "../lib/ids";
import { sealSecret } from "../lib/security/secrets";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// SQL steps are run by strangers: neither the shared demo warehouse nor a data source may reach
// the server's files, programs or the app's own database, or let one workspace stall another.

type Ws = { workspaceId: string; key: string };
type StepOut = { step_key: string; status: string; error?: string; output?: { rows: Record<string, unknown>[] }; duration_ms: number };

const CAP_MS = 4_000;
process.env.WAREHOUSE_TIMEOUT_MS = String(CAP_MS);

beforeAll(async () => {
  await startEngine(4);
});
afterAll(async () => {
  await stopEngine();
});

async function startRun(ws: Ws, steps: unknown[]) {
  const auto = await call(automations.POST, { key: ws.key, body: { name: `sql ${newId("auto")}`, definition: { steps, parameters: [] } } });
  expect(auto.status).toBe(201);
  const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: {} } });
  expect(started.status).toBe(201);
  return started.json.id as string;
}
const runOnce = async (ws: Ws, steps: unknown[]) => waitForRun(ws.key, await startRun(ws, steps), undefined, 150_000);
const stepOf = (run: { steps: StepOut[] }, key: string) => run.steps.find((s) => s.step_key === key)!;
const sql = (key: string, statement: string, extra: object = {}) => ({ key, type: "action", action_kind: "run_sql", inputs: { sql: statement }, continue_on_error: true, ...extra });

describe("the shared demo warehouse", () => {
  it("runs queries only, as a role that cannot reach the server, and still answers afterwards", async () => {
    const ws = await seedWorkspace("wh-safety");
    const run = await runOnce(ws, [
      sql("program", "COPY (SELECT 1) TO PROGRAM 'id > /tmp/cz-warehouse-x'"),
      sql("read_file", "SELECT pg_read_file('/etc/passwd')"),
      sql("lo_import", "SELECT lo_import('/etc/passwd')"),
      sql("reset_role", "RESET ROLE"),
      sql("set_role", "/* /* nested */ SELECT */ SET ROLE postgres"),
      sql("set_config", "SELECT set_config('role', 'postgres', true), pg_read_file('/etc/passwd')"),
      sql("do", "DO $$ BEGIN EXECUTE 'RESET ROLE'; END $$"),
      sql("xml", "SELECT query_to_xml('SELECT pg_read_file(''/etc/passwd'')', true, false, '')"),
      sql("who", "SELECT current_user AS who"),
      sql("count", `SELECT count(*) AS n FROM sales.orders WHERE ordered_at >= '${ORDER_ROWS[0]!.month}-01' AND ordered_at < '${ORDER_ROWS[1]!.month}-01'`),
    ]);
    for (const key of ["program", "reset_role", "set_role", "do"])
      expect(stepOf(run, key), key).toMatchObject({ status: "failed", error: expect.stringMatching(/^only queries \(SELECT, WITH, VALUES, TABLE, SHOW\) run on the demo warehouse/) });
    for (const key of ["read_file", "lo_import", "set_config", "xml"])
      expect(stepOf(run, key), key).toMatchObject({ status: "failed", error: expect.stringMatching(/permission denied for function/) });
    expect(stepOf(run, "who").output!.rows).toEqual([{ who: "reader" }]);
    expect(stepOf(run, "count").output!.rows).toEqual([{ n: 1204 }]);
  }, 180_000);

  it("answers one workspace while another's long query runs", async () => {
    const noisy = await seedWorkspace("wh-noisy");
    const quiet = await seedWorkspace("wh-quiet");
    // Both threads of the pool up first: the bound below is about queueing behind another
    // workspace, not about a thread's start, which takes seconds. The quiet workspace's warm-up
    // starts while the noisy one's query holds the first thread, so it starts the second.
    const db = await getDb();
    const holding = await startRun(noisy, [sql("hold", "SELECT pg_sleep(2)", { timeout_ms: 300_000 })]);
    const held = Date.now() + 60_000;
    while ((await db.stepRun.count({ where: { runId: holding, status: "running" } })) === 0 && Date.now() < held) await new Promise((r) => setImmediate(r));
    await runOnce(quiet, [sql("warm", "SELECT 1", { timeout_ms: 300_000 })]);
    await waitForRun(noisy.key, holding, undefined, 60_000);
    const long = await startRun(noisy, [sql("long", "SELECT count(*) AS n FROM generate_series(1, 1000000000)")]);
    const deadline = Date.now() + 20_000;
    while ((await db.stepRun.count({ where: { runId: long, status: "running" } })) === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await runOnce(quiet, [sql("quick", "SELECT 1 AS one")]);
      expect(stepOf(run, "quick").output!.rows).toEqual([{ one: 1 }]);
      samples.push(stepOf(run, "quick").duration_ms);
    }
    const longRun = await waitForRun(noisy.key, long, undefined, 60_000);
    expect(stepOf(longRun, "long").error).toMatch(/statement timeout/);
    // Behind the long query they would each take up to the cap (4 s); alone they take milliseconds.
    expect(Math.max(...samples)).toBeLessThan(2_000);
  }, 300_000);

  it("cuts a step at the warehouse's cap, whatever timeout it asks for", async () => {
    const ws = await seedWorkspace("wh-cap");
    const run = await runOnce(ws, [sql("slow", "SELECT pg_sleep(30)", { timeout_ms: 60_000 }), sql("after", "SELECT 1 AS one")]);
    expect(stepOf(run, "slow")).toMatchObject({ status: "failed", error: `statement timeout: the query ran longer than ${CAP_MS} ms` });
    expect(stepOf(run, "slow").duration_ms).toBeLessThan(CAP_MS + 5_000);
    expect(stepOf(run, "after").output!.rows).toEqual([{ one: 1 }]);
  }, 180_000);
});

describe("data source connection strings", () => {
  it("refuses unix sockets, file-reading parameters and private hosts the workspace has not opened", async () => {
    const ws = await seedWorkspace("ds-params");
    const save = (connection_string: string) => call(dataSources.POST, { key: ws.key, body: { name: `ds_${randomUUID().slice(0, 8)}`, connection_string } });
    for (const [conn, message] of [
      ["postgres:///app", /unix sockets are not allowed/],
      ["postgres://u@db.example.com/app?host=/var/run/postgresql", /"host" is not allowed/],
      ["postgres://u@%2Fvar%2Frun%2Fpostgresql/app", /unix sockets are not allowed/],
      ["postgres://u@db.example.com/app?sslmode=require&sslkey=/etc/ssl/private/key.pem", /"sslkey" is not allowed/],
      ["postgres://u@db.example.com/app?sslrootcert=/etc/passwd", /"sslrootcert" is not allowed/],
      ["postgres://u@db.example.com/app?options=-c%20role%3Dpostgres", /"options" is not allowed/],
      ["postgres://postgres@127.0.0.1:5432/app", /127\.0\.0\.1 is refused: 127\.0\.0\.1 is a loopback address/],
      ["postgres://postgres@[::1]:5432/app", /::1 is refused/],
      ["postgres://postgres@localhost:5432/app", /localhost is refused/],
    ] as const) {
      const res = await save(conn);
      expect(res.status, conn).toBe(422);
      expect(res.json.error.field, conn).toBe("body.connection_string");
      expect(res.json.error.message, conn).toMatch(message);
    }
    expect(await (await getDb()).dataSource.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });

  it("refuses at use a stored data source the egress policy does not open", async () => {
    const ws = await seedWorkspace("ds-stored");
    const db = await getDb();
    await db.dataSource.create({ data: { id: newId("ds"), workspaceId: ws.workspaceId, name: "old", connectionString: sealSecret("postgres://postgres@127.0.0.1:5432/postgres") } });
    const run = await runOnce(ws, [{ ...sql("q", "SELECT 1"), inputs: { sql: "SELECT 1", data_source: "old" } }]);
    expect(stepOf(run, "q")).toMatchObject({ status: "failed", error: expect.stringMatching(/127\.0\.0\.1 is refused/) });
  });
});

describe.skipIf(!process.env.DATABASE_URL)("PostgreSQL data sources", () => {
  const admin = (database?: string) => {
    const u = new URL(process.env.DATABASE_URL!);
    if (database) u.pathname = `/${database}`;
    return new pg.Client({ connectionString: u.toString() });
  };
  const appDb = decodeURIComponent(new URL(process.env.DATABASE_URL ?? "postgres://skipped/").pathname.slice(1));
  const tag = randomUUID().replace(/-/g, "").slice(0, 10);
  const reader = `cz_sql_reader_${tag}`;
  const filer = `cz_sql_filer_${tag}`;
  const scratch = `cz_sql_scratch_${tag}`;
  const conn = (role: string, host = "127.0.0.1", port = 5432, db = scratch) => `postgres://${role}:pw-${tag}@${host}:${port}/${db}`;
  let su: pg.Client;
  let proxy: net.Server;
  let proxyPort = 0;

  const asAdmin = async (database: string, statements: string) => {
    const c = admin(database);
    await c.connect();
    try {
      await c.query(statements);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    su = admin();
    await su.connect();
    await su.query(`CREATE ROLE ${reader} LOGIN PASSWORD 'pw-${tag}'; CREATE ROLE ${filer} LOGIN PASSWORD 'pw-${tag}' IN ROLE pg_read_server_files`);
    await su.query(`CREATE DATABASE ${scratch}`);
    await asAdmin(scratch, `CREATE TABLE sales (id int, amount int); INSERT INTO sales VALUES (1, 10), (2, 32); GRANT SELECT ON sales TO ${reader}, ${filer}`);
    // The reader could read the app's tables if it got there: only the data-source checks stand in the way.
    await su.query(`GRANT CONNECT ON DATABASE ${appDb} TO ${reader}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
    // Another name for the app's server: a TCP forwarder on its own port.
    proxy = net.createServer((client) => {
      const upstream = net.connect(5432, "127.0.0.1");
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    proxyPort = (proxy.address() as AddressInfo).port;
  });

  afterAll(async () => {
    proxy?.close();
    await su.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN ('${reader}', '${filer}') OR datname = '${scratch}'`);
    await su.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM ${reader}; REVOKE CONNECT ON DATABASE ${appDb} FROM ${reader}`);
    await su.query(`DROP DATABASE IF EXISTS ${scratch}`);
    await su.query(`DROP ROLE IF EXISTS ${reader}; DROP ROLE IF EXISTS ${filer}`);
    await su.end();
  });

  const opened = () => seedWorkspace("ds-pg", { egressAllowList: ["127.0.0.1", "localhost"] });
  const save = (ws: Ws, name: string, connection_string: string) => call(dataSources.POST, { key: ws.key, body: { name, connection_string } });
  const on = (name: string, key: string, statement: string, extra: object = {}) => ({ key, type: "action", action_kind: "run_sql", inputs: { sql: statement, data_source: name }, continue_on_error: true, ...extra });

  it("refuses a superuser, and a role that reaches the server's files, when the source is saved", async () => {
    const ws = await opened();
    const superuser = await save(ws, "su", `postgres://postgres@127.0.0.1:5432/${scratch}`);
    expect(superuser.status).toBe(422);
    expect(superuser.json.error).toMatchObject({ field: "body.connection_string", message: expect.stringMatching(/role "postgres" is a superuser/) });
    const files = await save(ws, "files", conn(filer));
    expect(files.status).toBe(422);
    expect(files.json.error).toMatchObject({ field: "body.connection_string", message: expect.stringMatching(/member of pg_read_server_files/) });
    expect(await (await getDb()).dataSource.count({ where: { workspaceId: ws.workspaceId } })).toBe(0);
  });

  it("reads, but cannot write, escape the read-only transaction, or run past its time limit", async () => {
    const ws = await opened();
    expect((await save(ws, "main", conn(reader))).status).toBe(201);
    const run = await runOnce(ws, [
      on("main", "read", "SELECT sum(amount) AS total FROM sales"),
      on("main", "write", "DELETE FROM sales"),
      on("main", "ddl", "CREATE TABLE cz_should_not_exist (a int)"),
      on("main", "escape", "COMMIT; DELETE FROM sales"),
      on("main", "flip", "SET TRANSACTION READ WRITE"),
      on("main", "config", "SELECT set_config('transaction_read_only', 'off', true)"),
      on("main", "slow", "SELECT pg_sleep(30)", { timeout_ms: 500 }),
    ]);
    expect(stepOf(run, "read").output!.rows).toEqual([{ total: 42 }]);
    expect(stepOf(run, "write").error).toBe("cannot execute DELETE in a read-only transaction");
    expect(stepOf(run, "ddl").error).toBe("cannot execute CREATE TABLE in a read-only transaction");
    expect(stepOf(run, "escape").error).toMatch(/multiple commands/);
    expect(stepOf(run, "flip").status).toBe("failed");
    expect(stepOf(run, "config").status).toBe("failed");
    expect(stepOf(run, "slow").error).toMatch(/statement timeout|timed out/);
    expect(stepOf(run, "slow").duration_ms).toBeLessThan(5_000);
    const c = admin(scratch);
    await c.connect();
    const after = await c.query("SELECT count(*)::int AS n, (SELECT count(*)::int FROM pg_tables WHERE tablename = 'cz_should_not_exist') AS leaked FROM sales");
    await c.end();
    expect(after.rows[0]).toEqual({ n: 2, leaked: 0 });
  });

  it("refuses a role at use once it is granted what reaches the server's files", async () => {
    const ws = await opened();
    expect((await save(ws, "granted", conn(reader))).status).toBe(201);
    const steps = [on("granted", "read", "SELECT count(*) AS n FROM sales")];
    expect(stepOf(await runOnce(ws, steps), "read").output!.rows).toEqual([{ n: 2 }]);
    await su.query(`GRANT pg_read_server_files TO ${reader}`);
    try {
      expect(stepOf(await runOnce(ws, steps), "read")).toMatchObject({ status: "failed", error: expect.stringMatching(/member of pg_read_server_files/) });
    } finally {
      await su.query(`REVOKE pg_read_server_files FROM ${reader}`);
    }
    // Function grants belong to a database: this one is made in the data source's.
    await asAdmin(scratch, `GRANT EXECUTE ON FUNCTION pg_read_file(text) TO ${reader}`);
    try {
      expect(stepOf(await runOnce(ws, steps), "read")).toMatchObject({ status: "failed", error: expect.stringMatching(/may execute pg_read_file/) });
    } finally {
      await asAdmin(scratch, `REVOKE EXECUTE ON FUNCTION pg_read_file(text) FROM ${reader}`);
    }
    expect(stepOf(await runOnce(ws, steps), "read").status).toBe("succeeded");
  });

  it("refuses the app's own database by name, by alias and through a forwarder, at save and at use", async () => {
    const ws = await opened();
    for (const target of [conn(reader, "127.0.0.1", 5432, appDb), conn(reader, "localhost", 5432, appDb), conn(reader, "127.0.0.1", proxyPort, appDb)]) {
      const res = await save(ws, "app", target);
      expect(res.status, target).toBe(422);
      expect(res.json.error, target).toMatchObject({ field: "body.connection_string", message: expect.stringMatching(/the app's own database/) });
    }
    // One stored before these checks existed: its steps read nothing of the app's.
    const db = await getDb();
    await db.dataSource.create({ data: { id: newId("ds"), workspaceId: ws.workspaceId, name: "legacy", connectionString: sealSecret(conn(reader, "127.0.0.1", proxyPort, appDb)) } });
    const run = await runOnce(ws, [
      on("legacy", "tokens", "SELECT token FROM session"),
      on("legacy", "secret", "SELECT value FROM app_setting WHERE key = 'auth_secret'"),
    ]);
    for (const key of ["tokens", "secret"]) expect(stepOf(run, key), key).toMatchObject({ status: "failed", error: expect.stringMatching(/the app's own database/) });
    for (const key of ["tokens", "secret"]) expect(stepOf(run, key).output?.rows, key).toBeUndefined();
  });

  it("leaves no advisory lock or setting behind after a step", async () => {
    const ws = await opened();
    expect((await save(ws, "locks", conn(reader))).status).toBe(201);
    const lockKey = Math.floor(Math.random() * 1e9);
    const run = await runOnce(ws, [
      on("locks", "lock", `SELECT pg_advisory_lock(${lockKey}) IS NOT NULL AS locked`),
      on("locks", "set", "SELECT set_config('application_name', 'left-behind', false) AS v", { depends_on: ["lock"] }),
    ]);
    expect(stepOf(run, "lock").output!.rows).toEqual([{ locked: true }]);
    // Advisory locks belong to a database: the probe asks in the data source's.
    const c = admin(scratch);
    await c.connect();
    const probe = await c.query(`SELECT pg_try_advisory_lock(${lockKey}) AS free`);
    await c.end();
    expect(probe.rows[0].free).toBe(true);
    const names = await su.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND application_name = 'left-behind'`, [reader]);
    expect(names.rows[0].n).toBe(0);
  });
});
