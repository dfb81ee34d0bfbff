import { randomUUID } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dataSources from "../app/api/v1/data-sources/route";
import * as testRoute from "../app/api/v1/data-sources/[data_source_id]/test/route";
import * as workspace from "../app/api/v1/workspaces/current/route";
import { call, seedWorkspace } from "./helpers";

// "Test connection" connects as a SQL step would: through the workspace's egress policy and the
// login check, read-only, and answers the tables it sees or a 422 saying why it could not.

/** A loopback port nothing listens on. */
async function closedPort() {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe("testing a data source", () => {
  it("a source nothing answers on is a 422 saying it cannot connect; once the egress allow-list closes, a 422 saying it is refused", async () => {
    const ws = await seedWorkspace("ds-test", { egressAllowList: ["127.0.0.1"] });
    const created = await call(dataSources.POST, { key: ws.key, body: { name: "reports", connection_string: `postgres://reader:pw@127.0.0.1:${await closedPort()}/reports` } });
    expect(created.status).toBe(201);
    const id = created.json.id;

    const down = await call(testRoute.POST, { key: ws.key, params: { data_source_id: id }, method: "POST" });
    expect(down.status).toBe(422);
    expect(down.json.error.code).toBe("unprocessable");
    expect(down.json.error.message).toMatch(/^The connection test failed: cannot connect to the data source: /);
    expect(JSON.stringify(down.json)).not.toContain("pw@");

    expect((await call(workspace.PATCH, { key: ws.key, method: "PATCH", body: { egress_allow_list: [] } })).status).toBe(200);
    const refused = await call(testRoute.POST, { key: ws.key, params: { data_source_id: id }, method: "POST" });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/^The connection test failed: .*refused/);
  }, 60_000);

  it("another workspace's data source is a 404 in the one error shape", async () => {
    const owner = await seedWorkspace("ds-owner");
    const intruder = await seedWorkspace("ds-intruder");
    const created = await call(dataSources.POST, { key: owner.key, body: { name: "owned", connection_string: "postgres://u:p@db.example.com/x" } });
    const res = await call(testRoute.POST, { key: intruder.key, params: { data_source_id: created.json.id }, method: "POST" });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: "not_found", message: `Data source ${created.json.id} not found` } });
  });

  it("a connection string that is not a postgres URL is refused at creation, naming the field", async () => {
    const ws = await seedWorkspace("ds-bad");
    const res = await call(dataSources.POST, { key: ws.key, body: { name: "bad", connection_string: "mysql://x" } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "body.connection_string" });
  });
});

describe.skipIf(!process.env.DATABASE_URL)("testing a PostgreSQL data source", () => {
  const tag = randomUUID().replace(/-/g, "").slice(0, 10);
  const reader = `cz_test_reader_${tag}`;
  const scratch = `cz_test_scratch_${tag}`;
  const admin = (database?: string) => {
    const u = new URL(process.env.DATABASE_URL!);
    if (database) u.pathname = `/${database}`;
    return new pg.Client({ connectionString: u.toString() });
  };
  const run = async (database: string | undefined, sql: string) => {
    const c = admin(database);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    await run(undefined, `CREATE ROLE ${reader} LOGIN PASSWORD 'pw-${tag}'`);
    await run(undefined, `CREATE DATABASE ${scratch}`);
    await run(scratch, `CREATE SCHEMA sales; CREATE TABLE sales.orders (id int); CREATE VIEW sales.big_orders AS SELECT * FROM sales.orders; GRANT USAGE ON SCHEMA sales TO ${reader}; GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ${reader}`);
  });
  afterAll(async () => {
    await run(undefined, `DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await run(undefined, `DROP ROLE IF EXISTS ${reader}`);
  });

  it("lists the tables and views the login sees", async () => {
    const ws = await seedWorkspace("ds-real", { egressAllowList: ["127.0.0.1"] });
    const created = await call(dataSources.POST, { key: ws.key, body: { name: "sales", connection_string: `postgres://${reader}:pw-${tag}@127.0.0.1:5432/${scratch}?sslmode=disable` } });
    expect(created.status).toBe(201);
    const res = await call(testRoute.POST, { key: ws.key, params: { data_source_id: created.json.id }, method: "POST" });
    expect(res.status).toBe(200);
    expect(res.json.tables).toEqual(expect.arrayContaining([{ schema: "sales", name: "orders", view: false }, { schema: "sales", name: "big_orders", view: true }]));
  });
});
