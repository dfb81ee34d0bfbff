import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as hooks from "../app/api/v1/hooks/[trigger_id]/route";
import { createAutomation } from "../lib/automations/create-automation";
import { ZDefinition } from "../lib/automations/schemas";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { newId } from "../lib/ids";
import { pruneRuns } from "../lib/runs/prune-runs";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { addOneChain } from "./add-one-chain";
import { call, seedWorkspace } from "./helpers";

// A synchronous webhook (?wait=) answers with the run once it is final, and finished runs past
// their retention are pruned with everything they own.

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

async function hookFor(definition: unknown) {
  const ws = await seedWorkspace("webhook-wait");
  const auto = await call(automations.POST, { key: ws.key, body: { name: "hooked", definition } });
  expect((await call(activate.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: {} })).status).toBe(200);
  const t = await call(triggers.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { kind: "webhook" } });
  // Signed once per body: the signature's timestamp is in seconds, and a replay must be the same request.
  const signatures = new Map<string, string>();
  const send = (payload: unknown, query?: string) => {
    const body = JSON.stringify(payload);
    if (!signatures.has(body)) signatures.set(body, signWebhook(t.json.secret, body));
    return call(hooks.POST, { params: { trigger_id: t.json.id }, raw: body, query, method: "POST", headers: { "content-type": "application/json", "x-crystallize-signature": signatures.get(body)! } });
  };
  return { ws, send };
}

describe("POST /hooks/{id}?wait=", () => {
  it("answers 200 with the final run's status and output; without wait, 202 at once; a replay names the first run", async () => {
    const { send } = await hookFor(addOneChain(3));
    const waited = await send({ start: 10 }, "wait=10");
    expect(waited.status).toBe(200);
    expect(waited.json).toMatchObject({ replayed: false, status: "succeeded", output: { s3: 13 }, error: null });

    const queued = await send({ start: 20 });
    expect(queued.status).toBe(202);
    expect(Object.keys(queued.json).sort()).toEqual(["replayed", "run_id"]);

    const again = await send({ start: 20 }, "wait=10");
    expect(again.status).toBe(202);
    expect(again.json).toEqual({ run_id: queued.json.run_id, replayed: true });
    const db = await getDb();
    const runs = await db.automationRun.findMany({ where: { id: { in: [waited.json.run_id, queued.json.run_id] } }, include: { steps: true } });
    // The three transforms' ends were written with the run's own: each step is recorded.
    const done = runs.find((r) => r.id === waited.json.run_id)!;
    expect(done.steps.map((s) => [s.stepKey, s.status, s.output])).toEqual(
      expect.arrayContaining([
        ["s1", "succeeded", 11],
        ["s2", "succeeded", 12],
        ["s3", "succeeded", 13],
      ]),
    );
    expect(done.steps.every((s) => s.attempt === 1 && s.startedAt && s.endedAt)).toBe(true);
  });

  it("answers when the run parks at an approval, and refuses a wait past 30 s naming the field", async () => {
    const gate = { steps: [{ key: "gate", type: "approval_gate", inputs: { message: "ok?" } }] };
    const { send } = await hookFor(gate);
    const parked = await send({}, "wait=10");
    expect(parked.status).toBe(200);
    expect(parked.json.status).toBe("waiting_for_approval");

    const tooLong = await send({ n: 1 }, "wait=31");
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error.message).toMatch(/^query\.wait: /);
  });
});

describe("pruneRuns", () => {
  it("deletes finished runs past the retention with their steps and approvals, and keeps the rest", async () => {
    const db = await getDb();
    const { workspaceId } = await seedWorkspace("prune");
    const definition = ZDefinition.parse({ steps: [{ key: "a", type: "action", action_kind: "transform", inputs: { expression: "1" } }] });
    const automation = await db.$transaction((tx) => createAutomation(tx, { workspaceId, name: "pruned", definition, author: "test" }));
    const now = new Date("2026-06-30T12:00:00Z");
    const day = 86_400_000;
    const make = async (status: "succeeded" | "failed" | "running", endedDaysAgo: number | null) => {
      const id = newId("arun");
      const endedAt = endedDaysAgo === null ? null : new Date(now.getTime() - endedDaysAgo * day);
      await db.automationRun.create({
        data: { id, workspaceId, automationId: automation.id, version: 1, status, trigger: "manual", endedAt, steps: { create: [{ stepKey: "a", status: "succeeded" }] } },
      });
      await db.approval.create({ data: { id: newId("apr"), workspaceId, automationId: automation.id, runId: id, stepKey: "a", status: "approved" } });
      return id;
    };
    const old = [await make("succeeded", 40), await make("failed", 31)];
    const kept = [await make("succeeded", 29), await make("running", null)];

    expect(await pruneRuns(db, { retentionDays: 30, now })).toBe(2);
    const left = await db.automationRun.findMany({ where: { automationId: automation.id }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([...kept].sort());
    expect(await db.stepRun.count({ where: { runId: { in: old } } })).toBe(0);
    expect(await db.approval.count({ where: { runId: { in: old } } })).toBe(0);
    expect(await db.approval.count({ where: { runId: { in: kept } } })).toBe(2);
    // Retention 0 keeps everything.
    expect(await pruneRuns(db, { retentionDays: 0, now: new Date(now.getTime() + 1000 * day) })).toBe(0);
  });
});
