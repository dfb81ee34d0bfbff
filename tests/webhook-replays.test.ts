import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as hooks from "../app/api/v1/hooks/[trigger_id]/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { call, seedWorkspace } from "./helpers";

// A captured delivery must start nothing however it is respelled, and a flood of unsigned
// requests must not spend the budget that signed deliveries need.

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

async function webhook() {
  const ws = await seedWorkspace("webhook-replays");
  const steps = [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.data", data: null }, parameter_refs: [{ input_path: "/data", parameter: "p" }] }];
  const auto = await call(automations.POST, { key: ws.key, body: { name: "hooked", definition: { steps, parameters: [{ name: "p", type: "json", default: null }] } } });
  expect((await call(activate.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: {} })).status).toBe(200);
  const t = await call(triggers.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { kind: "webhook" } });
  return { ws, automationId: auto.json.id as string, triggerId: t.json.id as string, secret: t.json.secret as string };
}

const send = (triggerId: string, body: string, signature?: string) =>
  call(hooks.POST, {
    params: { trigger_id: triggerId },
    raw: body,
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-crystallize-signature": signature } : {}) },
  });

describe("webhook signatures are read strictly", () => {
  it("a captured delivery resent in upper case, with trailing characters or extra parts starts no run", async () => {
    const hook = await webhook();
    const body = JSON.stringify({ p: { order: "ORD-7" } });
    const signature = signWebhook(hook.secret, body);
    const first = await send(hook.triggerId, body, signature);
    expect(first.status).toBe(202);

    const [t, v1] = signature.split(",");
    const respelled = [
      `${t},v1=${v1!.slice(3).toUpperCase()}`,
      `${signature}00`,
      `${signature}zz`,
      `${signature},v1=${"0".repeat(64)}`,
      `${t},v1=${v1!.slice(3)},v0=abc`,
      ` ${t} , v1=${v1!.slice(3)}`,
      `${t}.0,v1=${v1!.slice(3)}`,
    ];
    for (const variant of respelled) {
      const res = await send(hook.triggerId, body, variant);
      expect(res.status, variant).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
    }
    // The exact delivery again is a replay of the first, not a new run.
    expect((await send(hook.triggerId, body, signature)).json).toEqual({ run_id: first.json.run_id, replayed: true });
    const runs = await call(autoRuns.GET, { key: hook.ws.key, params: { automation_id: hook.automationId } });
    expect(runs.json.data).toHaveLength(1);
  });

  it("an unsigned flood is limited on its own budget; a signed delivery still gets through", async () => {
    process.env.RATE_LIMIT_WEBHOOK_PER_MIN = "5";
    process.env.RATE_LIMIT_WEBHOOK_FAILURES_PER_MIN = "10";
    try {
      const hook = await webhook();
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await send(hook.triggerId, JSON.stringify({ p: i }), i % 2 ? "t=1,v1=deadbeef" : undefined)).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(20).fill(429));

      const body = JSON.stringify({ p: "signed" });
      const signed = await send(hook.triggerId, body, signWebhook(hook.secret, body));
      expect(signed.status).toBe(202);
      expect(signed.json.replayed).toBe(false);
    } finally {
      delete process.env.RATE_LIMIT_WEBHOOK_PER_MIN;
      delete process.env.RATE_LIMIT_WEBHOOK_FAILURES_PER_MIN;
    }
  });
});
