import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { WORKER_ID } from "../lib/engine/runner";
import { cancelRun } from "../lib/runs/cancel-run";
import { startRun } from "../lib/runs/start-run";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// Runs created while every worker of this process is busy wait in its backlog, in memory: no
// queue job is made for them. They are written running and leased, the backlog keeps the leases
// fresh, and a cancel takes a run out before it starts.

const LEASE_MS = 900;
let ws: { workspaceId: string; key: string };
let previousLease: string | undefined;
/** Holds every answer until `release()`, so the workers stay busy; answers at once after it. */
const tool = { url: "", requests: 0, hold: true, held: [] as ServerResponse[] };
const answer = (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
const server = createServer((req, res) => {
  tool.requests++;
  if (tool.hold) tool.held.push(res);
  else answer(res);
});
const release = () => {
  tool.hold = false;
  tool.held.splice(0).forEach(answer);
};

beforeAll(async () => {
  previousLease = process.env.RUN_LEASE_MS;
  process.env.RUN_LEASE_MS = String(LEASE_MS);
  ws = await seedWorkspace("Backlog workspace", { egressAllowList: ["127.0.0.1"] });
  await startEngine(2);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tool.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/effect`;
});
afterAll(async () => {
  release();
  await stopEngine();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (previousLease === undefined) delete process.env.RUN_LEASE_MS;
  else process.env.RUN_LEASE_MS = previousLease;
});

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the run backlog", () => {
  it("starts runs that arrived while both workers were busy as workers free up, with no queue job, leases renewed, a canceled one never started", async () => {
    const created = await call(automations.POST, {
      key: ws.key,
      body: { name: "held call", definition: { steps: [{ key: "call", type: "action", action_kind: "http_request", inputs: { method: "POST", url: tool.url }, depends_on: [] }] } },
    });
    expect(created.status).toBe(201);
    const db = await getDb();
    const start = () => startRun(db, { workspaceId: ws.workspaceId, automationId: created.json.id, trigger: "manual" });

    const busy = [await start(), await start()];
    await until(() => tool.requests, (n) => n === 2);
    const waiting = [await start(), await start(), await start()];

    const rows = await db.automationRun.findMany({ where: { id: { in: waiting } }, include: { steps: true } });
    expect(rows.map((r) => [r.status, r.leaseOwner, r.steps[0]!.status])).toEqual(waiting.map(() => ["running", WORKER_ID, "pending"]));
    const firstExpiry = Math.max(...rows.map((r) => r.leaseExpiresAt!.getTime()));
    // Held past their first lease, the waiting runs keep it: nothing could sweep them from us.
    await until(
      () => db.automationRun.findMany({ where: { id: { in: waiting } }, select: { leaseExpiresAt: true } }),
      (rs) => rs.every((r) => r.leaseExpiresAt!.getTime() > firstExpiry + LEASE_MS),
    );
    expect(tool.requests).toBe(2);

    await cancelRun(db, { workspaceId: ws.workspaceId, runId: waiting[0]! });
    release();
    for (const id of [...busy, ...waiting.slice(1)]) expect((await waitForRun(ws.key, id)).status).toBe("succeeded");
    expect((await waitForRun(ws.key, waiting[0]!)).status).toBe("canceled");
    // Each run that was not canceled called the tool once; the canceled one never did.
    expect(tool.requests).toBe(4);
    const jobs = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'automation-run' AND data->>'runId' = ANY(${[...busy, ...waiting]})`;
    expect(jobs[0]!.n).toBe(0);
  });
});
