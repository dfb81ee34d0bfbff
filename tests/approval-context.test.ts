import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as approvals from "../app/api/v1/approvals/route";
import * as pendingCount from "../app/api/v1/approvals/pending-count/route";
import * as approve from "../app/api/v1/approvals/[approval_id]/approve/route";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { describeRunStart } from "../lib/approvals/presenters/describe-run-start";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// An approver sees what they are approving: the automation and run, who started it, and the steps
// the gate holds back with their inputs resolved as far as the run has got.

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

const refundDefinition = {
  parameters: [{ name: "amount", type: "number", required: true }],
  steps: [
    { key: "lookup_payment", type: "action", action_kind: "transform", inputs: { expression: '{"payment_id": "pay_9Kx4Tn", "customer": "Jane Doe"}' } },
    { key: "approve_refund", type: "approval_gate", depends_on: ["lookup_payment"], inputs: { message: "Refund the customer?", timeout_seconds: 3600 } },
    {
      key: "issue_refund",
      type: "action",
      action_kind: "issue_refund",
      depends_on: ["approve_refund"],
      inputs: { amount: 10, payment_id: "pay_recorded", note: "recorded note", approved_by: "recorded approver" },
      parameter_refs: [{ parameter: "amount", input_path: "/amount" }],
      bindings: [
        { from_step: "lookup_payment", output_path: "/payment_id", input_path: "/payment_id" },
        { from_step: "approve_refund", output_path: "/by", input_path: "/approved_by" },
      ],
      templates: [{ input_path: "/note", template: "Refund for {{ steps.lookup_payment.output.customer }}" }],
    },
  ],
};

async function waitingRefund(ws: { key: string }, amount = 89) {
  const auto = await call(automations.POST, { key: ws.key, body: { name: "Refund a payment", definition: refundDefinition } });
  expect(auto.status).toBe(201);
  const run = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: { amount } } });
  expect(run.status).toBe(201);
  await waitForRun(ws.key, run.json.id, ["waiting_for_approval"]);
  return { automationId: auto.json.id as string, runId: run.json.id as string };
}

describe("an approval's context", () => {
  it("names the automation and run, who started it, and the gated step's inputs in words; what the gate decides is said to be unknown", async () => {
    const ws = await seedWorkspace("approval-context");
    const { automationId, runId } = await waitingRefund(ws);
    const list = await call(approvals.GET, { key: ws.key });
    expect(list.status).toBe(200);
    const a = list.json.data[0];
    expect(a).toMatchObject({
      run_id: runId,
      step_key: "approve_refund",
      message: "Refund the customer?",
      automation: { id: automationId, name: "Refund a payment" },
      run: { id: runId, status: "waiting_for_approval", version: 1, started_by: { kind: "manual", by: 'API key "test"', description: 'manually by API key "test"' } },
    });
    expect(a.expires_at).not.toBeNull();
    expect(a.gated_steps).toHaveLength(1);
    const step = a.gated_steps[0];
    expect(step).toMatchObject({
      key: "issue_refund",
      action_kind: "issue_refund",
      status: "pending",
      inputs: { amount: 89, payment_id: "pay_9Kx4Tn", note: "Refund for Jane Doe", approved_by: null },
      unresolved: [{ input_path: "/approved_by", reason: "not known until approve_refund is decided" }],
    });
    expect(step.summary).toBe("issue_refund: amount 89, payment pay_9Kx4Tn, note Refund for Jane Doe, approved by: not known until approve_refund is decided");
    // The recorded values that parameters, bindings and templates replace are never shown as if they were sent.
    expect(JSON.stringify(step)).not.toMatch(/recorded/);
  });

  it("a decision answers with the context too, and then the step's inputs are the ones it was sent", async () => {
    const ws = await seedWorkspace("approval-decided");
    const { runId } = await waitingRefund(ws, 12);
    const pending = (await call(approvals.GET, { key: ws.key })).json.data[0];
    const decided = await call(approve.POST, { key: ws.key, params: { approval_id: pending.id }, body: { comment: "ok" } });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ status: "approved", automation: { name: "Refund a payment" }, gated_steps: [{ key: "issue_refund" }] });
    // issue_refund has no provider, so it fails before any call; with the gate decided, its inputs resolve in full.
    await waitForRun(ws.key, runId);
    const after = (await call(approvals.GET, { key: ws.key, query: "status=approved" })).json.data[0];
    expect(after.gated_steps[0].unresolved).toEqual([]);
  });

  it("the pending count is the workspace's own, and another workspace sees neither the count nor the context", async () => {
    const owner = await seedWorkspace("count-owner");
    const intruder = await seedWorkspace("count-intruder");
    await waitingRefund(owner);
    await waitingRefund(owner, 5);
    expect((await call(pendingCount.GET, { key: owner.key })).json).toEqual({ pending: 2 });
    expect((await call(pendingCount.GET, { key: intruder.key })).json).toEqual({ pending: 0 });
    const seen = await call(approvals.GET, { key: intruder.key, query: "status=all" });
    expect(seen.json.data).toEqual([]);
    expect(JSON.stringify(seen.json)).not.toMatch(/Refund|pay_9Kx4Tn/);
  });

  it("a bad status filter is a 422 naming the field", async () => {
    const ws = await seedWorkspace("approval-filter");
    const res = await call(approvals.GET, { key: ws.key, query: "status=maybe" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "query.status" });
    expect(res.json.error.message).toMatch(/^query\.status: /);
  });
});

describe("who or what started a run, in words", () => {
  it("says schedules, webhooks, events and retries by what they are", () => {
    const base = { triggerId: "trg_1", retryOf: null };
    expect(describeRunStart({ ...base, trigger: "schedule", triggerRow: { kind: "schedule", cron: "0 9 * * 1-5", timezone: "Europe/Paris", eventName: null } }).description).toBe(
      "on schedule 0 9 * * 1-5 (Europe/Paris)",
    );
    expect(describeRunStart({ ...base, trigger: "webhook" }).description).toBe("by webhook trg_1");
    expect(describeRunStart({ ...base, trigger: "event", triggerRow: { kind: "event", cron: null, timezone: null, eventName: "order.created" } }).description).toBe("by event order.created");
    expect(describeRunStart({ trigger: "retry", triggerId: null, retryOf: "arun_x" }).description).toBe("as a retry of arun_x");
    expect(describeRunStart({ trigger: "manual", triggerId: null, retryOf: null, startedBy: { actor: "user:u1", actorName: "ada@example.test" } })).toMatchObject({ by: "ada@example.test", description: "manually by ada@example.test" });
    expect(describeRunStart({ trigger: "manual", triggerId: null, retryOf: null }).description).toBe("manually");
  });
});
