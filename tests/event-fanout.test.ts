import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as events from "../app/api/v1/events/route";
import * as runs from "../app/api/v1/runs/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";

// Two automations that both follow every run's end double the runs at each hop: depth alone let
// one POST /events become 1,022 runs. A chain's width has a budget too, and what it refuses is in
// the run history.

beforeAll(async () => {
  await startEngine(4);
});
afterAll(async () => {
  await stopEngine();
});

type Run = { id: string; automation_id: string; status: string; trigger: string; error: string | null };

async function follower(ws: { key: string }, name: string) {
  const auto = await call(automations.POST, {
    key: ws.key,
    body: { name, definition: { steps: [{ key: "note", type: "action", action_kind: "transform", inputs: { expression: "'seen'" } }], parameters: [{ name: "event", type: "json" }] } },
  });
  expect((await call(activate.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: {} })).status).toBe(200);
  const t = await call(triggers.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { kind: "event", event_name: "automation.run.succeeded", payload_parameter: "event" } });
  expect(t.status).toBe(201);
  return auto.json.id as string;
}

/** Waits until the workspace has at least `atLeast` runs and none of them is still to run. */
async function settledRuns(key: string, atLeast: number, timeoutMs = 60_000): Promise<Run[]> {
  const deadline = Date.now() + timeoutMs;
  let all: Run[] = [];
  while (Date.now() < deadline) {
    all = (await call(runs.GET, { key, query: "limit=200" })).json.data;
    if (all.length >= atLeast && all.every((r) => ["succeeded", "failed", "canceled"].includes(r.status))) return all;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`runs did not settle: ${all.length} runs, statuses ${[...new Set(all.map((r) => r.status))].join(",")}`);
}

describe("event fan-out", () => {
  it("one event starts at most the chain's budget of runs, and the refusal is a canceled run saying why", async () => {
    process.env.EVENT_CHAIN_MAX_RUNS = "10";
    try {
      const ws = await seedWorkspace("fan-out");
      const a = await follower(ws, "follows every run A");
      const b = await follower(ws, "follows every run B");
      const res = await call(events.POST, { key: ws.key, body: { name: "automation.run.succeeded", payload: {} } });
      expect(res.status).toBe(202);
      expect(res.json.runs).toHaveLength(2);
      const chain = res.json.chain_id as string;
      expect(chain).toMatch(/^evt_/);

      // Every run that succeeded has emitted its event in its final transaction, and refused runs
      // emit nothing: once no run is left to run, the chain is over.
      const all = await settledRuns(ws.key, 12);
      const done = all.filter((r) => r.status === "succeeded");
      const refused = all.filter((r) => r.status === "canceled");
      expect(done).toHaveLength(10);
      expect(refused).toHaveLength(2);
      expect(new Set(refused.map((r) => r.automation_id))).toEqual(new Set([a, b]));
      for (const r of refused) {
        expect(r.trigger).toBe("event");
        expect(r.error).toContain(`event chain ${chain} reached its budget of 10 runs`);
      }
      expect(all).toHaveLength(12);
    } finally {
      delete process.env.EVENT_CHAIN_MAX_RUNS;
    }
  });

  it("each originating event has a budget of its own", async () => {
    process.env.EVENT_CHAIN_MAX_RUNS = "4";
    try {
      const ws = await seedWorkspace("fan-out-2");
      await follower(ws, "follows every run A");
      await follower(ws, "follows every run B");
      const first = await call(events.POST, { key: ws.key, body: { name: "automation.run.succeeded", payload: {} } });
      const second = await call(events.POST, { key: ws.key, body: { name: "automation.run.succeeded", payload: {} } });
      expect(first.json.chain_id).not.toBe(second.json.chain_id);
      const all = await settledRuns(ws.key, 12);
      expect(all.filter((r) => r.status === "succeeded")).toHaveLength(8);
      expect(all.filter((r) => r.status === "canceled")).toHaveLength(4);
      expect(all).toHaveLength(12);
    } finally {
      delete process.env.EVENT_CHAIN_MAX_RUNS;
    }
  });
});
