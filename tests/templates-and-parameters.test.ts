import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as publish from "../app/api/v1/automations/[automation_id]/publish/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as events from "../app/api/v1/events/route";
import * as hooks from "../app/api/v1/hooks/[trigger_id]/route";
import * as runRoute from "../app/api/v1/runs/[run_id]/route";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { tickSchedules } from "../lib/triggers/tick-schedules";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";
import { waitForRun } from "./engine-helpers";

// Templates, parameters and the logical time, through the public API against a real database,
// queue and demo warehouse.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Templates");
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

const create = (definition: unknown) => call(automations.POST, { key: ws.key, body: { name: `templates ${Math.random()}`, definition } });
const runNow = (automationId: string, input: Record<string, unknown>) => call(autoRuns.POST, { key: ws.key, params: { automation_id: automationId }, body: { input }, method: "POST" });
const stepOf = (run: { steps: { step_key: string }[] }, key: string) => run.steps.find((s) => s.step_key === key) as Record<string, unknown>;

const LAST_MONTH = '$relativeDate({"unit": "month", "offset": -1, "edge": "start"})';

describe("templates", () => {
  it("render parameters, upstream outputs and relative dates into a string, at the run's logical time", async () => {
    const made = await create({
      parameters: [{ name: "order_id", type: "string", required: true }],
      time_zone: "America/Los_Angeles",
      steps: [
        { key: "get_order", type: "action", action_kind: "transform", inputs: { expression: '{"id": "pay_9Kx4Tn", "total": 89}' } },
        {
          key: "compose",
          type: "action",
          action_kind: "transform",
          depends_on: ["get_order"],
          inputs: { expression: "$inputs.subject", subject: "Your refund for ORD-1042" },
          templates: [{ input_path: "/subject", template: `Your refund for {{ params.order_id }}: {{ steps.get_order.output.total }} on {{ steps.get_order.output.id }}, since {{ ${LAST_MONTH} }}` }],
        },
        { key: "total", type: "action", action_kind: "transform", depends_on: ["get_order"], inputs: { expression: "$inputs.n", n: 0 }, templates: [{ input_path: "/n", template: "{{ steps.get_order.output.total }}" }] },
      ],
    });
    expect(made.status).toBe(201);
    // 05:00 UTC on 1 March is still 28 February in Los Angeles: last month there is January.
    const started = await runNow(made.json.id, { order_id: "ORD-7", now: "2026-03-01T05:00:00Z" });
    expect(started.status).toBe(201);
    const run = await waitForRun(ws.key, started.json.id);
    expect(run).toMatchObject({ status: "succeeded", logical_time: "2026-03-01T05:00:00.000Z" });
    expect(stepOf(run, "compose").output).toBe("Your refund for ORD-7: 89 on pay_9Kx4Tn, since 2026-01-01");
    // A lone hole keeps the value's type.
    expect(stepOf(run, "total").output).toBe(89);
  });

  it("bind SQL holes as parameters: a value with a quote and a DROP TABLE is data, not a statement", async () => {
    const made = await create({
      parameters: [{ name: "region", type: "string", default: "Europe" }],
      steps: [
        {
          key: "count",
          type: "action",
          action_kind: "run_sql",
          inputs: { sql: "SELECT count(*)::int AS n FROM sales.customers WHERE region = 'Europe'" },
          templates: [{ input_path: "/sql", template: "SELECT count(*)::int AS n FROM sales.customers WHERE region = {{ params.region }}" }],
        },
      ],
    });
    expect(made.status).toBe(201);
    const evil = await waitForRun(ws.key, (await runNow(made.json.id, { region: "x'; DROP TABLE sales.customers; --" })).json.id);
    expect(evil.status).toBe("succeeded");
    expect(stepOf(evil, "count")).toMatchObject({
      inputs: { sql: "SELECT count(*)::int AS n FROM sales.customers WHERE region = $1", params: ["x'; DROP TABLE sales.customers; --"] },
      output: { rows: [{ n: 0 }] },
    });
    // The table is still there, and the default applies when the input leaves the parameter out.
    const plain = await waitForRun(ws.key, (await runNow(made.json.id, {})).json.id);
    expect(plain.status).toBe("succeeded");
    expect((stepOf(plain, "count").output as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0);
  });

  it("are checked on save: a 422 names the step and field for a hole in a quoted literal, an unknown step or parameter, bad JSONata", async () => {
    const step = (template: string, extra: Record<string, unknown> = {}) => ({ key: "q", type: "action", action_kind: "run_sql", inputs: { sql: "SELECT 1" }, templates: [{ input_path: "/sql", template }], ...extra });
    const cases: [string, RegExp][] = [
      ["SELECT * FROM sales.customers WHERE name LIKE '%{{ params.p }}%'", /inside a quoted string/],
      ["SELECT {{ steps.nowhere.output }}", /names steps\.nowhere, which does not exist/],
      ["SELECT {{ params.missing }}", /names params\.missing, which is not declared/],
      ["SELECT {{ params. }}", /is not a valid expression/],
      ["SELECT {{ params.p", /never closed/],
    ];
    for (const [template, message] of cases) {
      const res = await create({ parameters: [{ name: "p", type: "string" }], steps: [step(template)] });
      expect(res.status, template).toBe(422);
      expect(res.json.error).toMatchObject({ code: "validation_error", step: "q", field: "definition.steps[0].templates[0].template", message: expect.stringMatching(message) });
    }
  });

  it("fail the step, naming the input, when a hole has no value", async () => {
    const made = await create({
      steps: [
        { key: "a", type: "action", action_kind: "transform", inputs: { expression: '{"x": 1}' } },
        { key: "b", type: "action", action_kind: "transform", depends_on: ["a"], inputs: { expression: "$inputs.s", s: "" }, templates: [{ input_path: "/s", template: "id {{ steps.a.output.y }}" }] },
      ],
    });
    const run = await waitForRun(ws.key, (await runNow(made.json.id, {})).json.id);
    expect(run.status).toBe("failed");
    expect(stepOf(run, "b").error).toBe("the template at input /s: the hole {{ steps.a.output.y }} has no value");
  });
});

describe("run input", () => {
  it("is checked against the parameters: an unknown key, a wrong type, a missing required value or a bad `now` is a 422 naming the key", async () => {
    const made = await create({
      parameters: [
        { name: "month", type: "string", required: true },
        { name: "limit", type: "number", default: 10 },
      ],
      steps: [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "1" } }],
    });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ month: "2025-05", moth: 1 }, "input.moth", /is not a parameter of this automation \(it takes month, limit/],
      [{ month: 5 }, "input.month", /must be a string/],
      [{ limit: 3 }, "input.month", /is required/],
      [{ month: "2025-05", now: "yesterday" }, "input.now", /ISO 8601 instant/],
      [{ month: "2025-05", now: "2026-01-01" }, "input.now", /ISO 8601 instant/],
    ];
    for (const [input, field, message] of cases) {
      const res = await runNow(made.json.id, input);
      expect(res.status, JSON.stringify(input)).toBe(422);
      expect(res.json.error).toMatchObject({ code: "validation_error", field, message: expect.stringMatching(message) });
    }
    const ok = await runNow(made.json.id, { month: "2025-05" });
    expect(ok.status).toBe(201);
  });

  it("is checked on webhooks and events too: a webhook gets the 422, an event leaves a refused run and its emitter is unharmed", async () => {
    const made = await create({
      parameters: [{ name: "order_id", type: "string", required: true }],
      steps: [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.o", o: "" }, parameter_refs: [{ input_path: "/o", parameter: "order_id" }] }],
    });
    const id = made.json.id as string;
    expect((await call(activate.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" })).status).toBe(200);

    const hook = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook" }, method: "POST" });
    const deliver = (payload: unknown) => {
      const raw = JSON.stringify(payload);
      return call(hooks.POST, { params: { trigger_id: hook.json.id }, raw, headers: { "x-crystallize-signature": signWebhook(hook.json.secret, raw) }, method: "POST" });
    };
    const typo = await deliver({ order: "ORD-1" });
    expect(typo.status).toBe(422);
    expect(typo.json.error).toMatchObject({ field: "input.order", message: expect.stringMatching(/is not a parameter of this automation \(it takes order_id/) });
    const ok = await deliver({ order_id: "ORD-1" });
    expect(ok.status).toBe(202);
    expect((await waitForRun(ws.key, ok.json.run_id)).steps[0].output).toBe("ORD-1");

    await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "event", event_name: "order.refunded" }, method: "POST" });
    const emitted = await call(events.POST, { key: ws.key, body: { name: "order.refunded", payload: { order_id: 42 } }, method: "POST" });
    expect(emitted.status).toBe(202);
    expect(emitted.json.runs).toEqual([]);
    expect(emitted.json.refused).toHaveLength(1);
    expect(emitted.json.refused[0].reason).toMatch(/payload does not fit the automation's parameters: input\.order_id: must be a string/);
    const refused = await call(runRoute.GET, { key: ws.key, params: { run_id: emitted.json.refused[0].run_id } });
    expect(refused.json).toMatchObject({ status: "canceled", trigger: "event", input: { order_id: 42 } });
  });

  it("a trigger may hand the whole payload to one parameter, and may only name declared parameters", async () => {
    const made = await create({
      parameters: [{ name: "delivery", type: "json" }],
      steps: [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.d.action", d: null }, parameter_refs: [{ input_path: "/d", parameter: "delivery" }] }],
    });
    const id = made.json.id as string;
    await call(activate.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" });
    const bad = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook", payload_parameter: "payload" }, method: "POST" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("body.payload_parameter");
    const badInput = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "schedule", cron: "0 9 * * *", input: { month: "2025-05" } }, method: "POST" });
    expect(badInput.json.error).toMatchObject({ field: "body.input.month" });

    const hook = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook", payload_parameter: "delivery" }, method: "POST" });
    expect(hook.status).toBe(201);
    const raw = JSON.stringify({ action: "opened", repository: { full_name: "acme/api" }, sender: { login: "jane" } });
    const res = await call(hooks.POST, { params: { trigger_id: hook.json.id }, raw, headers: { "x-crystallize-signature": signWebhook(hook.json.secret, raw) }, method: "POST" });
    expect(res.status).toBe(202);
    expect((await waitForRun(ws.key, res.json.run_id)).steps[0].output).toBe("opened");
  });

  it("a schedule whose input no longer fits leaves a refused run saying why, and the tick goes on", async () => {
    const steps = [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "1" } }];
    const made = await create({ parameters: [{ name: "region", type: "string" }], steps });
    const id = made.json.id as string;
    await call(activate.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" });
    const t = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "schedule", cron: "0 9 * * *", input: { region: "Europe" } }, method: "POST" });
    expect(t.status).toBe(201);
    // The parameter is renamed after the schedule was made: its input names one no longer declared.
    const renamed = await call(automation.PATCH, { key: ws.key, params: { automation_id: id }, body: { base_version: 1, definition: { parameters: [{ name: "area", type: "string" }], steps } }, method: "PATCH" });
    expect(renamed.status).toBe(200);
    // A save is a draft: the schedule meets the rename once it is published.
    expect((await call(publish.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" })).status).toBe(200);
    const fireAt = new Date(t.json.next_fire_times[0]);
    const tick = await tickSchedules(await getDb(), new Date(fireAt.getTime() + 1_000));
    const fired = tick.fired.find((f) => f.trigger_id === t.json.id)!;
    const run = await call(runRoute.GET, { key: ws.key, params: { run_id: fired.run_id } });
    expect(run.json).toMatchObject({ status: "canceled", trigger: "schedule", error: expect.stringMatching(/schedule's input does not fit the automation's parameters: input\.region: is not a parameter/) });
  });

  it("may not declare a parameter named now", async () => {
    const res = await create({ parameters: [{ name: "now", type: "string" }], steps: [] });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("definition.parameters[0].name");
  });

  it("a template may not replace all of a step's inputs, or a SQL step's statement from outside /sql", async () => {
    for (const [input_path, message] of [["", /not all of them/], ["/params", /only \/sql/]] as const) {
      const res = await create({
        parameters: [{ name: "id", type: "string" }],
        steps: [{ key: "q", type: "action", action_kind: "run_sql", inputs: { sql: "SELECT 1" }, templates: [{ input_path, template: '{{ {"sql": "SELECT " & params.id} }}' }] }],
      });
      expect(res.status, input_path).toBe(422);
      expect(res.json.error).toMatchObject({ field: "definition.steps[0].templates[0].input_path", message: expect.stringMatching(message) });
    }
  });
});
