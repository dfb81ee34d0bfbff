import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { abortLocalRun } from "../lib/engine/queue/local-runs";
import { advanceRun, WORKER_ID } from "../lib/engine/runner";
import { startRun } from "../lib/runs/start-run";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// A step found `running` when a run is claimed lost its worker. It is resumed once; a second time
// in a row it fails, since a step that kills its worker would otherwise crash every next one.
// The engine runs each run once to its end; the test then leaves it as a crashed worker would and
// advances it itself, playing the next workers (no job is left that the engine would take).

const INTERRUPTED = "interrupted twice while running (the worker stopped or crashed): not started again";

let ws: { workspaceId: string; key: string };
/** Answers requests at once, except while `hold` is set: then it never answers (a call in flight). */
const tool = { url: "", requests: 0, hold: false, held: [] as ServerResponse[] };
const server = createServer((req, res) => {
  tool.requests++;
  if (tool.hold) tool.held.push(res);
  else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});

beforeAll(async () => {
  ws = await seedWorkspace("Interruptions workspace", { egressAllowList: ["127.0.0.1"] });
  await startEngine(2);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tool.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/effect`;
});
afterAll(async () => {
  await stopEngine();
  for (const res of tool.held) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function startOneStepRun() {
  const created = await call(automations.POST, {
    key: ws.key,
    body: {
      name: `interrupted ${Math.random()}`,
      definition: { steps: [{ key: "call", type: "action", action_kind: "http_request", inputs: { method: "GET", url: tool.url }, depends_on: [] }], parameters: [] },
    },
  });
  expect(created.status).toBe(201);
  const db = await getDb();
  const runId = await startRun(db, { workspaceId: ws.workspaceId, automationId: created.json.id, trigger: "manual" });
  expect((await waitForRun(ws.key, runId)).status).toBe("succeeded");
  return runId;
}

/**
 * What a worker that died in the middle of the step leaves behind: the step running, the lease
 * lapsed. With another owner: what a live worker leaves when the database dropped the step's
 * last write (its own lapsed lease, or none if it handed the run back).
 */
async function leaveAsCrashed(runId: string, owner: string | null = "dead-worker", interruptions?: number) {
  const db = await getDb();
  const past = new Date(Date.now() - 60_000);
  await db.$executeRaw`UPDATE automation_run SET status = 'running', output = NULL, "endedAt" = NULL, "leaseOwner" = ${owner}, "leaseExpiresAt" = ${owner ? past : null} WHERE id = ${runId}`;
  await db.$executeRaw`UPDATE step_run SET status = 'running', attempt = 1, output = NULL, "endedAt" = NULL, interruptions = COALESCE(${interruptions ?? null}::int4, interruptions) WHERE "runId" = ${runId}`;
}

async function state(runId: string) {
  const db = await getDb();
  const run = await db.automationRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
  return { status: run.status, error: run.error, step: run.steps[0]! };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a step interrupted while running", () => {
  it("is resumed after one interruption, and its finished attempt clears the count", async () => {
    const runId = await startOneStepRun();
    await leaveAsCrashed(runId);
    const before = tool.requests;
    await advanceRun(await getDb(), runId);
    const s = await state(runId);
    expect(s.status).toBe("succeeded");
    expect(s.step.status).toBe("succeeded");
    // Resumed under the same attempt number, so the tool can drop a repeated delivery.
    expect(s.step.attempt).toBe(1);
    expect(s.step.interruptions).toBe(0);
    expect(tool.requests - before).toBe(1);
  });

  // Dropped connections and a database restart cut a step's writes while its worker lives on:
  // that is no sign the step kills workers, however often it happens.
  for (const [who, owner] of [["this worker's own lapsed lease", WORKER_ID], ["a run its worker handed back", null]] as const) {
    it(`does not count a step left running under ${who}`, async () => {
      const runId = await startOneStepRun();
      await leaveAsCrashed(runId, owner, 1);
      await advanceRun(await getDb(), runId);
      const s = await state(runId);
      expect(s.step.status).toBe("succeeded");
      expect(s.step.attempt).toBe(1);
      expect(s.status).toBe("succeeded");
    });
  }

  it("fails with a clear error the second time in a row, without being started again, and the run fails", async () => {
    const runId = await startOneStepRun();
    const db = await getDb();
    await leaveAsCrashed(runId);

    // First claim: the step is resumed; its call hangs, and the worker "dies" mid-call: it stops
    // at once and writes nothing more, and its lease is left to lapse.
    tool.hold = true;
    const before = tool.requests;
    const first = advanceRun(db, runId);
    await until(() => state(runId), (s) => s.step.status === "running" && s.step.interruptions === 1 && tool.requests > before);
    abortLocalRun(runId);
    await first;
    await leaveAsCrashed(runId);
    tool.hold = false;
    expect((await state(runId)).step.interruptions).toBe(1);

    // Second claim: the step is failed instead of being started a third time.
    const requests = tool.requests;
    await advanceRun(db, runId);
    const s = await state(runId);
    expect(s.step.status).toBe("failed");
    expect(s.step.error).toBe(INTERRUPTED);
    expect(s.step.interruptions).toBe(2);
    expect(s.step.endedAt).not.toBeNull();
    expect(s.status).toBe("failed");
    expect(s.error).toBe(`call: ${INTERRUPTED}`);
    expect(tool.requests).toBe(requests);
  });
});
