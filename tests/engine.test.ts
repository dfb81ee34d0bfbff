import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as agentRuns from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as crystallizeThread from "../app/api/v1/chat/threads/[thread_id]/crystallize/route";
import * as automations from "../app/api/v1/automations/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as activation from "../app/api/v1/automations/[automation_id]/activation/route";
import * as replay from "../app/api/v1/automations/[automation_id]/replay/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as review from "../app/api/v1/automations/[automation_id]/steps/[step_key]/review/route";
import * as approvals from "../app/api/v1/approvals/route";
import * as approve from "../app/api/v1/approvals/[approval_id]/approve/route";
import * as reject from "../app/api/v1/approvals/[approval_id]/reject/route";
import * as events from "../app/api/v1/events/route";
import * as flashboard from "../app/api/v1/flashboards/[flashboard_id]/route";
import * as hooks from "../app/api/v1/hooks/[trigger_id]/route";
import * as providers from "../app/api/v1/tool-providers/route";
import * as cancel from "../app/api/v1/runs/[run_id]/cancel/route";
import * as retry from "../app/api/v1/runs/[run_id]/retry/route";
import { getDb } from "../lib/db";
import { ORDER_ROWS, REVENUE_ROWS, refundThread, revenueRun } from "../lib/demo/demo-data";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { tickSchedules } from "../lib/triggers/tick-schedules";
import { call, seedWorkspace } from "./helpers";
import { startHttpServer, waitForRun } from "./engine-helpers";

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  // Its steps call test servers on this machine.
  ws = await seedWorkspace("Test workspace", { egressAllowList: ["127.0.0.1"] });
  await startEngine(4);
});
afterAll(async () => {
  await stopEngine();
});

const post = (handler: Parameters<typeof call>[0], params: Record<string, string>, body: unknown = {}) =>
  call(handler, { key: ws.key, params, body, method: "POST" });

async function createAutomation(steps: unknown[], parameters: unknown[] = []) {
  const res = await call(automations.POST, { key: ws.key, body: { name: `test ${Math.random()}`, definition: { steps, parameters } } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function runNow(automationId: string, input: Record<string, unknown> = {}) {
  const res = await post(autoRuns.POST, { automation_id: automationId }, { input });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const stepOf = (run: { steps: { step_key: string }[] }, key: string) => run.steps.find((s) => s.step_key === key) as Record<string, unknown>;

describe("the seed example", () => {
  it("crystallizes, replays, activates after review, runs, and the dashboard holds the query results", async () => {
    const source = await call(agentRuns.POST, { key: ws.key, body: revenueRun });
    const crystal = await post(crystallizeRun.POST, { run_id: source.json.id });
    const auto = crystal.json.automation;
    const id = auto.id as string;

    // The replay check reproduces the source run: the queries return what the agent saw.
    const rep = await post(replay.POST, { automation_id: id });
    expect(rep.status).toBe(200);
    expect(rep.json.steps.map((s: { step_key: string; verdict: string }) => [s.step_key, s.verdict])).toEqual([
      ["generate_query_1", "equal"],
      ["generate_query_2", "equal"],
      ["create_flashboard_1", "stubbed"],
    ]);
    expect(rep.json.reproduces).toBe(true);

    // The model-written queries block activation until reviewed.
    const blocked = await post(activate.POST, { automation_id: id });
    expect(blocked.status).toBe(422);
    expect(blocked.json.error.blockers.map((b: { step: string; reason: string }) => `${b.step}:${b.reason}`).sort()).toEqual([
      "generate_query_1:unreviewed",
      "generate_query_2:unreviewed",
    ]);
    let version = auto.version as number;
    for (const step of ["generate_query_1", "generate_query_2"]) {
      const r = await post(review.POST, { automation_id: id, step_key: step }, { base_version: version });
      expect(r.status).toBe(200);
      version = r.json.version;
    }
    expect((await call(activation.GET, { key: ws.key, params: { automation_id: id } })).json).toEqual({ can_activate: true, blockers: [] });
    expect((await post(activate.POST, { automation_id: id })).json.status).toBe("active");

    const run = await waitForRun(ws.key, await runNow(id));
    expect(run.status).toBe("succeeded");
    expect(run.version).toBe(version);
    const board = stepOf(run, "create_flashboard_1").output as { flashboard_id: string };
    const fb = await call(flashboard.GET, { key: ws.key, params: { flashboard_id: board.flashboard_id } });
    expect(fb.json.charts.map((c: { data: unknown }) => c.data)).toEqual([REVENUE_ROWS, ORDER_ROWS]);

    // A second run updates the same dashboard.
    const again = await waitForRun(ws.key, await runNow(id));
    expect((stepOf(again, "create_flashboard_1").output as { flashboard_id: string }).flashboard_id).toBe(board.flashboard_id);
  });
});

describe("approval gates and MCP tools", () => {
  async function refundAutomation() {
    const thread = await call(threads.POST, { key: ws.key, body: refundThread });
    const c = await call(crystallizeThread.POST, { key: ws.key, params: { thread_id: thread.json.id }, body: {}, method: "POST", query: "include=definition" });
    return c.json.automation as { id: string; definition: { steps: { key: string; type: string; action_kind?: string }[] } };
  }

  it("refuses activation while tools are unbound, then runs on the demo MCP server through an approved gate", async () => {
    const auto = await refundAutomation();
    const gate = auto.definition.steps.find((s) => s.type === "approval_gate")!;
    const unbound = await post(activate.POST, { automation_id: auto.id }, { force: true });
    expect(unbound.status).toBe(422);
    expect(unbound.json.error.blockers.filter((b: { reason: string }) => b.reason === "unbound_tool").map((b: { message: string }) => b.message)).toEqual([
      'no tool provider offers "get_order"',
      'no tool provider offers "issue_refund"',
      'no tool provider offers "send_email"',
    ]);
    const provider = await call(providers.POST, {
      key: ws.key,
      body: { name: "demo-tools", kind: "builtin", server: "demo-tools" },
    });
    expect(provider.status).toBe(201);
    expect(provider.json.tools.map((t: { name: string }) => t.name)).toContain("issue_refund");
    expect((await post(activate.POST, { automation_id: auto.id }, { force: true })).json.status).toBe("active");

    const runId = await runNow(auto.id);
    const waiting = await waitForRun(ws.key, runId, ["waiting_for_approval"]);
    expect(stepOf(waiting, gate.key).status).toBe("waiting");
    const pending = await call(approvals.GET, { key: ws.key });
    const approval = pending.json.data.find((a: { run_id: string }) => a.run_id === runId);
    expect(approval).toMatchObject({ status: "pending", step_key: gate.key });

    const ok = await post(approve.POST, { approval_id: approval.id }, { comment: "duplicate confirmed" });
    expect(ok.json).toMatchObject({ status: "approved", comment: "duplicate confirmed" });
    expect((await post(approve.POST, { approval_id: approval.id })).status).toBe(200); // twice is harmless
    expect((await post(reject.POST, { approval_id: approval.id })).status).toBe(409);

    const done = await waitForRun(ws.key, runId);
    expect(done.status).toBe("succeeded");
    const refund = done.steps.find((s: { step_key: string }) => s.step_key.startsWith("issue_refund"));
    expect(refund.output).toMatchObject({ status: "succeeded", payment_id: "pay_9Kx4Tn" });
  });

  const gated = (inputs: Record<string, unknown>) => [
    { key: "gate", type: "approval_gate", inputs: { message: "Go?", ...inputs } },
    { key: "after", type: "action", action_kind: "transform", inputs: { expression: "'done'" }, depends_on: ["gate"] },
  ];

  it("a rejection fails the run, and the step after the gate never runs", async () => {
    const runId = await runNow(await createAutomation(gated({})));
    await waitForRun(ws.key, runId, ["waiting_for_approval"]);
    const a = (await call(approvals.GET, { key: ws.key })).json.data.find((x: { run_id: string }) => x.run_id === runId);
    expect((await post(reject.POST, { approval_id: a.id }, { comment: "not today" })).json.status).toBe("rejected");
    const run = await waitForRun(ws.key, runId);
    expect(run.status).toBe("failed");
    expect(stepOf(run, "gate")).toMatchObject({ status: "failed", error: expect.stringContaining("not today") });
    expect(stepOf(run, "after").status).toBe("skipped");
  });

  it("a rejection at a gate set to end the run cancels it", async () => {
    const runId = await runNow(await createAutomation(gated({ on_reject: "end" })));
    await waitForRun(ws.key, runId, ["waiting_for_approval"]);
    const a = (await call(approvals.GET, { key: ws.key })).json.data.find((x: { run_id: string }) => x.run_id === runId);
    await post(reject.POST, { approval_id: a.id });
    expect((await waitForRun(ws.key, runId)).status).toBe("canceled");
  });

  it("a gate times out: rejected by default, continued when configured", async () => {
    const rejectRun = await runNow(await createAutomation(gated({ timeout_seconds: 1 })));
    const continueRun = await runNow(await createAutomation(gated({ timeout_seconds: 1, on_timeout: "continue" })));
    const [r1, r2] = await Promise.all([waitForRun(ws.key, rejectRun), waitForRun(ws.key, continueRun)]);
    expect(r1.status).toBe("failed");
    expect(stepOf(r1, "gate").error).toBe("the approval timed out");
    expect(r2.status).toBe("succeeded");
    expect(stepOf(r2, "after").output).toBe("done");
    const all = await call(approvals.GET, { key: ws.key, query: "status=timed_out" });
    expect(all.json.data.map((a: { run_id: string }) => a.run_id)).toEqual(expect.arrayContaining([rejectRun, continueRun]));
  });
});

describe("branching, retries, cancel and retry", () => {
  it("a condition takes each branch; steps only on the other branch are skipped, a join runs", async () => {
    const id = await createAutomation(
      [
        { key: "check", type: "condition", inputs: { expression: "amount > 100", amount: 0 }, parameter_refs: [{ input_path: "/amount", parameter: "amount" }], branches: { true: ["big"], false: ["small"] } },
        { key: "big", type: "action", action_kind: "transform", inputs: { expression: "'big'" } },
        { key: "small", type: "action", action_kind: "transform", inputs: { expression: "'small'" } },
        { key: "big_followup", type: "action", action_kind: "transform", inputs: { expression: "'after big'" }, depends_on: ["big"] },
        { key: "join", type: "action", action_kind: "transform", inputs: { expression: "'joined'" }, depends_on: ["big", "small"] },
      ],
      [{ name: "amount", type: "number", default: 0 }],
    );
    const high = await waitForRun(ws.key, await runNow(id, { amount: 500 }));
    const low = await waitForRun(ws.key, await runNow(id, { amount: 5 }));
    const statuses = (run: typeof high) => Object.fromEntries(run.steps.map((s: { step_key: string; status: string }) => [s.step_key, s.status]));
    expect(statuses(high)).toEqual({ check: "succeeded", big: "succeeded", small: "skipped", big_followup: "succeeded", join: "succeeded" });
    expect(statuses(low)).toEqual({ check: "succeeded", big: "skipped", small: "succeeded", big_followup: "skipped", join: "succeeded" });
    expect(high.status).toBe("succeeded");
  });

  it("retries a failing step with backoff, each attempt under its own idempotency key", async () => {
    const server = await startHttpServer((_req, n) => (n === 1 ? { status: 503, body: { error: "busy" } } : { status: 200, body: { ok: true } }));
    try {
      const id = await createAutomation([
        { key: "call", type: "action", action_kind: "http_request", inputs: { method: "POST", url: `${server.url}/do`, body: { a: 1 } }, retry: { max_retries: 2, backoff_ms: 100 } },
      ]);
      const run = await waitForRun(ws.key, await runNow(id));
      expect(run.status).toBe("succeeded");
      expect(stepOf(run, "call")).toMatchObject({ status: "succeeded", attempts: 2, output: { status: 200, body: { ok: true } } });
      expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual([`${run.id}:call:1`, `${run.id}:call:2`]);
    } finally {
      await server.close();
    }
  });

  it("a failed run is retried from the failed step, reusing the outputs that succeeded", async () => {
    let healthy = false;
    const server = await startHttpServer(() => (healthy ? { status: 200, body: { n: 42 } } : { status: 400, body: { error: "bad" } }));
    try {
      const id = await createAutomation([
        { key: "first", type: "action", action_kind: "transform", inputs: { expression: "$millis()" } },
        { key: "call", type: "action", action_kind: "http_request", inputs: { url: `${server.url}/x` }, depends_on: ["first"] },
      ]);
      const failed = await waitForRun(ws.key, await runNow(id));
      expect(failed.status).toBe("failed");
      expect(failed.error).toContain("answered 400");
      healthy = true;
      const res = await post(retry.POST, { run_id: failed.id });
      expect(res.status).toBe(201);
      const retried = await waitForRun(ws.key, res.json.id);
      expect(retried).toMatchObject({ status: "succeeded", retry_of: failed.id, trigger: "retry" });
      expect(stepOf(retried, "first")).toMatchObject({ reused: true, output: stepOf(failed, "first").output });
      expect(stepOf(retried, "call").output).toMatchObject({ body: { n: 42 } });
    } finally {
      await server.close();
    }
  });

  it("cancels a run waiting at a gate; a second cancel is a 409", async () => {
    const id = await createAutomation([{ key: "gate", type: "approval_gate", inputs: {} }]);
    const runId = await runNow(id);
    await waitForRun(ws.key, runId, ["waiting_for_approval"]);
    const res = await post(cancel.POST, { run_id: runId });
    expect(res.json.status).toBe("canceled");
    expect(stepOf(res.json, "gate").status).toBe("canceled");
    expect((await post(cancel.POST, { run_id: runId })).status).toBe(409);
  });

  it("a binding whose upstream output lacks the path fails the step with both named", async () => {
    const id = await createAutomation([
      { key: "a", type: "action", action_kind: "transform", inputs: { expression: "{'x': 1}" } },
      { key: "b", type: "action", action_kind: "transform", inputs: { expression: "$", data: null }, depends_on: ["a"], bindings: [{ input_path: "/data", from_step: "a", output_path: "/y" }] },
    ]);
    const run = await waitForRun(ws.key, await runNow(id));
    expect(run.status).toBe("failed");
    expect(stepOf(run, "b").error).toBe("input /data is bound to a/y, but that step's output has no /y");
  });
});

describe("built-in actions against real services", () => {
  it("SQL runs read-only with a statement timeout on the demo warehouse", async () => {
    const id = await createAutomation([
      { key: "count", type: "action", action_kind: "run_sql", inputs: { sql: `SELECT count(*) AS n FROM sales.orders WHERE ordered_at >= '${ORDER_ROWS[0]!.month}-01' AND ordered_at < '${ORDER_ROWS[1]!.month}-01'` } },
      { key: "write", type: "action", action_kind: "run_sql", inputs: { sql: "DELETE FROM sales.orders" }, continue_on_error: true },
      { key: "flip", type: "action", action_kind: "run_sql", inputs: { sql: "SET TRANSACTION READ WRITE" }, continue_on_error: true },
      { key: "slow", type: "action", action_kind: "run_sql", inputs: { sql: "SELECT pg_sleep(30)" }, timeout_ms: 500, continue_on_error: true },
    ]);
    const run = await waitForRun(ws.key, await runNow(id));
    expect(stepOf(run, "count").output).toEqual({ columns: ["n"], rows: [{ n: 1204 }], row_count: 1 });
    expect(stepOf(run, "write")).toMatchObject({ status: "failed", error: "cannot execute DELETE in a read-only transaction" });
    expect(stepOf(run, "flip")).toMatchObject({ status: "failed", error: expect.stringMatching(/read-write mode must be set before any query/) });
    // Whichever fires first, the statement limit or the step's, the query is stopped at 500 ms.
    expect(stepOf(run, "slow")).toMatchObject({ status: "failed", error: expect.stringMatching(/(statement timeout|timed out).*500 ms/) });
    expect(stepOf(run, "slow").duration_ms).toBeLessThan(5_000);
    // The warehouse comes back after a timeout cost it its thread.
    const again = await waitForRun(ws.key, await runNow(id));
    expect(stepOf(again, "count").status).toBe("succeeded");
  });

  it("llm calls an OpenAI-compatible endpoint with the configured key", async () => {
    const stub = await startHttpServer((req) => ({
      status: 200,
      body: { model: "stub-1", choices: [{ message: { role: "assistant", content: `echo: ${(req.body as { messages: { content: string }[] }).messages[0]!.content}` } }], usage: { total_tokens: 3 } },
    }));
    process.env.LLM_BASE_URL = `${stub.url}/v1`;
    process.env.LLM_API_KEY = "sk-test";
    try {
      const id = await createAutomation([{ key: "ask", type: "action", action_kind: "llm", inputs: { prompt: "hello" } }]);
      const run = await waitForRun(ws.key, await runNow(id));
      expect(stepOf(run, "ask").output).toEqual({ content: "echo: hello", model: "stub-1", usage: { total_tokens: 3 } });
      expect(stub.requests[0]).toMatchObject({ url: "/v1/chat/completions", headers: { authorization: "Bearer sk-test" } });
    } finally {
      delete process.env.LLM_BASE_URL;
      delete process.env.LLM_API_KEY;
      await stub.close();
    }
  });
});

describe("triggers", () => {
  const simple = [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.data", data: null }, parameter_refs: [{ input_path: "/data", parameter: "order" }] }];

  it("a signed webhook starts a run with its payload; a bad or old signature gets a 401 and no run", async () => {
    const id = await createAutomation(simple, [{ name: "order", type: "json" }]);
    await post(activate.POST, { automation_id: id });
    const trigger = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook" } });
    expect(trigger.status).toBe(201);
    const { id: triggerId, secret, url } = trigger.json;
    expect(url).toMatch(new RegExp(`/api/v1/hooks/${triggerId}$`));
    const body = JSON.stringify({ order: { id: "ORD-9", total: 12 } });
    const send = (signature?: string) =>
      call(hooks.POST, { params: { trigger_id: triggerId }, raw: body, headers: { "content-type": "application/json", ...(signature ? { "x-crystallize-signature": signature } : {}) }, method: "POST" });

    const ok = await send(signWebhook(secret, body));
    expect(ok.status).toBe(202);
    const run = await waitForRun(ws.key, ok.json.run_id);
    expect(run).toMatchObject({ status: "succeeded", trigger: "webhook", input: { order: { id: "ORD-9", total: 12 } } });
    expect(stepOf(run, "echo").output).toEqual({ id: "ORD-9", total: 12 });

    const before = (await call(autoRuns.GET, { key: ws.key, params: { automation_id: id } })).json.data.length;
    for (const bad of [undefined, signWebhook("whsec_wrong", body), signWebhook(secret, body, Date.now() - 6 * 60_000), signWebhook(secret, `${body} `)]) {
      const res = await send(bad);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
    }
    expect((await call(autoRuns.GET, { key: ws.key, params: { automation_id: id } })).json.data.length).toBe(before);
  });

  it("a schedule fires when its time comes, once after downtime within the catch-up window, never beyond it", async () => {
    const db = await getDb();
    const id = await createAutomation(simple, [{ name: "order", type: "json", default: "scheduled" }]);
    await post(activate.POST, { automation_id: id });
    const t = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "schedule", cron: "0 9 * * *", timezone: "Europe/Paris", catch_up_seconds: 3600 } });
    expect(t.status).toBe(201);
    expect(t.json.description).toBe("At 09:00 (Europe/Paris)");
    expect(t.json.next_fire_times).toHaveLength(5);
    const first = new Date(t.json.next_fire_times[0]);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(first)).toBe("09:00");

    // Drive the clock: one minute before, nothing; at the time, one run; the same tick again, nothing.
    expect((await tickSchedules(db, new Date(first.getTime() - 60_000))).fired.filter((f) => f.trigger_id === t.json.id)).toEqual([]);
    const fired = (await tickSchedules(db, new Date(first.getTime() + 5_000))).fired.filter((f) => f.trigger_id === t.json.id);
    expect(fired).toHaveLength(1);
    const run = await waitForRun(ws.key, fired[0]!.run_id);
    // The run's logical time is the fire time, whenever it actually ran.
    expect(run).toMatchObject({ status: "succeeded", trigger: "schedule", input: {}, logical_time: first.toISOString() });
    expect((await tickSchedules(db, new Date(first.getTime() + 10_000))).fired.filter((f) => f.trigger_id === t.json.id)).toEqual([]);

    // Down for three days: the next fire is 48 h+ late, beyond the window, so it is dropped.
    const row = await db.trigger.findUniqueOrThrow({ where: { id: t.json.id } });
    const late = await tickSchedules(db, new Date(row.nextFireAt!.getTime() + 2 * 86400_000));
    expect(late.skipped).toContainEqual({ trigger_id: t.json.id, reason: "missed by more than the catch-up window" });
    // Down for 30 minutes past a fire: it fires once on restart.
    const row2 = await db.trigger.findUniqueOrThrow({ where: { id: t.json.id } });
    const caught = await tickSchedules(db, new Date(row2.nextFireAt!.getTime() + 30 * 60_000));
    expect(caught.fired.filter((f) => f.trigger_id === t.json.id)).toHaveLength(1);
  });

  it("events start subscribed active automations, and a finished run emits automation.run.succeeded", async () => {
    const listener = await createAutomation(simple, [{ name: "order", type: "json" }]);
    await post(activate.POST, { automation_id: listener });
    await call(triggers.POST, { key: ws.key, params: { automation_id: listener }, body: { kind: "event", event_name: "order.created" } });
    const res = await call(events.POST, { key: ws.key, body: { name: "order.created", payload: { order: 7 } } });
    expect(res.status).toBe(202);
    expect(res.json.runs).toHaveLength(1);
    expect(stepOf(await waitForRun(ws.key, res.json.runs[0].run_id), "echo").output).toBe(7);

    // A run's end event carries its own keys: the follower takes it whole, as one parameter.
    const chained = await createAutomation(
      [{ key: "seen", type: "action", action_kind: "transform", inputs: { expression: "$inputs.e.status", e: null }, parameter_refs: [{ input_path: "/e", parameter: "event" }] }],
      [{ name: "event", type: "json" }],
    );
    await post(activate.POST, { automation_id: chained });
    const follow = await call(triggers.POST, { key: ws.key, params: { automation_id: chained }, body: { kind: "event", event_name: "automation.run.succeeded", payload_parameter: "event" } });
    expect(follow.json.payload_parameter).toBe("event");
    const upstream = await waitForRun(ws.key, await runNow(listener, { order: 1 }));
    expect(upstream.status).toBe("succeeded");
    const deadline = Date.now() + 10_000;
    let chainedRuns: { trigger: string; status: string }[] = [];
    while (Date.now() < deadline) {
      chainedRuns = (await call(autoRuns.GET, { key: ws.key, params: { automation_id: chained } })).json.data;
      if (chainedRuns.some((r) => r.status === "succeeded")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(chainedRuns.some((r) => r.trigger === "event" && r.status === "succeeded")).toBe(true);
  });

  it("only active automations fire; a bad cron or zone is a 422 naming the field", async () => {
    const id = await createAutomation(simple, [{ name: "order", type: "json" }]);
    const webhook = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook" } });
    const body = "{}";
    const res = await call(hooks.POST, { params: { trigger_id: webhook.json.id }, raw: body, headers: { "x-crystallize-signature": signWebhook(webhook.json.secret, body) }, method: "POST" });
    expect(res.status).toBe(409);
    const bad = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "schedule", cron: "61 * * * *" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("body.cron");
    const zone = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "schedule", cron: "0 * * * *", timezone: "Mars/Olympus" } });
    expect(zone.json.error.field).toBe("body.timezone");
  });
});

describe("pseudo-tools and replay", () => {
  const crystallizeThinking = async (key: string) => {
    const made = await call(runs.POST, {
      key,
      body: {
        agent: "thinker",
        tool_calls: [
          { id: "t1", tool: "think", arguments: { thought: "The user wants the total" }, result: "" },
          { id: "c1", tool: "transform", arguments: { expression: "1 + 2" }, result: 3 },
        ],
      },
    });
    const res = await call(crystallizeRun.POST, { key, params: { run_id: made.json.id }, body: {}, method: "POST", query: "include=definition" });
    expect(res.status).toBe(201);
    return res.json.automation as { id: string; version: number; definition: { steps: { key: string; source: { tool_call_id: string } }[] } };
  };

  it("a think step with no tool behind it neither blocks activation nor fails the run, and replay stubs it", async () => {
    const auto = await crystallizeThinking(ws.key);
    const activated = await post(activate.POST, { automation_id: auto.id }, { force: true });
    expect(activated.json.status).toBe("active");
    const done = await waitForRun(ws.key, await runNow(auto.id));
    expect(done.status).toBe("succeeded");
    const rep = await post(replay.POST, { automation_id: auto.id });
    expect(rep.json.steps.find((s: { step_key: string }) => s.step_key === "think_1")).toMatchObject({ mode: "stubbed" });
  });

  it("replay never reads another workspace's recorded results, whatever a step's source says", async () => {
    const other = await seedWorkspace("Other tenant");
    const theirs = await crystallizeThinking(other.key);
    const mine = await crystallizeThinking(ws.key);
    const stolen = theirs.definition.steps.find((s) => s.key === "transform_1")!.source.tool_call_id;
    const steps = mine.definition.steps.map((s) => (s.key === "transform_1" ? { ...s, source: { ...s.source, tool_call_id: stolen } } : s));
    const patched = await call(automation.PATCH, { key: ws.key, params: { automation_id: mine.id }, body: { base_version: mine.version, definition: { ...mine.definition, steps } }, method: "PATCH" });
    expect(patched.status).toBe(200);
    const rep = await post(replay.POST, { automation_id: mine.id });
    expect(rep.status).toBe(200);
    // Their recorded result was 3; this workspace has no such call.
    expect(rep.json.steps.find((s: { step_key: string }) => s.step_key === "transform_1").recorded ?? null).toBeNull();
  });
});
