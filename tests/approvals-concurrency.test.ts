import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as approvals from "../app/api/v1/approvals/route";
import * as approve from "../app/api/v1/approvals/[approval_id]/approve/route";
import * as reject from "../app/api/v1/approvals/[approval_id]/reject/route";
import * as auditLog from "../app/api/v1/audit-log/route";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// "The same decision twice is harmless" holds when the two arrive at once, too: concurrent
// identical approvals all answer 200, one decision is recorded, and the run goes on once.

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

describe("concurrent decisions on one gate", () => {
  it("five identical approvals at once all succeed; the opposite decision after them is a 409", async () => {
    const ws = await seedWorkspace("approvals-at-once");
    const steps = [
      { key: "gate", type: "approval_gate", inputs: { message: "Go?" } },
      { key: "after", type: "action", action_kind: "transform", inputs: { expression: "'went'" }, depends_on: ["gate"] },
    ];
    const auto = await call(automations.POST, { key: ws.key, body: { name: "gated", definition: { steps, parameters: [] } } });
    const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: {} } });
    await waitForRun(ws.key, started.json.id, ["waiting_for_approval"]);
    const gate = (await call(approvals.GET, { key: ws.key })).json.data[0];

    const answers = await Promise.all(Array.from({ length: 5 }, () => call(approve.POST, { key: ws.key, params: { approval_id: gate.id }, body: { comment: "ok" } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.json.status).toBe("approved");

    const run = await waitForRun(ws.key, started.json.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((s: { step_key: string }) => s.step_key === "after").attempts).toBe(1);
    const log = await call(auditLog.GET, { key: ws.key, query: "action=approval." });
    expect(log.json.data).toHaveLength(1);
    expect((await call(reject.POST, { key: ws.key, params: { approval_id: gate.id }, body: {} })).status).toBe(409);
  });
});
