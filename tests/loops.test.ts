import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as agentRuns from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as replay from "../app/api/v1/automations/[automation_id]/replay/route";
import * as cancel from "../app/api/v1/runs/[run_id]/cancel/route";
import { getDb } from "../lib/db";
import { newId } from "../lib/ids";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { abortLocalRun } from "../lib/engine/queue/local-runs";
import { advanceRun } from "../lib/engine/runner";
import { startRun } from "../lib/runs/start-run";
import { call, seedWorkspace } from "./helpers";
import { call as toolCall, transcript, user } from "./crystallize-fixtures";
import { crystallize } from "../lib/crystallize/crystallize";
import { restockRun } from "../lib/demo/demo-data";
import { DEMO_TOOLS_CONFIG } from "../lib/bootstrap/bootstrap";
import { startHttpServer, waitForRun, type Recorded } from "./engine-helpers";

// for_each steps through the public API, on a real database and queue, against an HTTP tool that
// records each delivery with its idempotency key.

let ws: { workspaceId: string; key: string };
/** Fails a reservation whose id is in `failing`; holds its answer until `release` is called. */
const behaviour: { failing: Set<string>; list: string[]; hold?: { id: string; released: Promise<void>; release: () => void } } = { failing: new Set(), list: [] };
function holdAnswer(id: string) {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  behaviour.hold = { id, released, release };
}
let tool: Awaited<ReturnType<typeof startHttpServer>>;
const args = (r: Recorded) => (r.body as { arguments: { id: string } }).arguments;
const key = (r: Recorded) => String((r.body as { idempotency_key: string }).idempotency_key);

beforeAll(async () => {
  ws = await seedWorkspace("Loops", { egressAllowList: ["127.0.0.1"] });
  tool = await startHttpServer(async (r) => {
    if ((r.body as { tool: string }).tool === "list_reservations") return { status: 200, body: { reservations: behaviour.list.map((id) => ({ id })) } };
    const id = args(r)?.id;
    if (behaviour.hold?.id === id) await behaviour.hold.released;
    if (behaviour.failing.has(id)) return { status: 404, body: { error: `no reservation ${id}` } };
    return { status: 200, body: { id, nights: id.length } };
  });
  const db = await getDb();
  await db.toolProvider.create({
    data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "reservations", kind: "http", config: { url: `${tool.url}/tool`, headers: {} }, tools: [{ name: "get_reservation" }, { name: "list_reservations" }] },
  });
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
  await tool.close();
});

const create = (definition: unknown) => call(automations.POST, { key: ws.key, body: { name: `loops ${Math.random()}`, definition } });
const runNow = (automationId: string, input: Record<string, unknown> = {}) =>
  call(autoRuns.POST, { key: ws.key, params: { automation_id: automationId }, body: { input }, method: "POST" });
const stepOf = (run: { steps: { step_key: string }[] }, k: string) => run.steps.find((s) => s.step_key === k) as Record<string, unknown> & { items?: Record<string, unknown>[] };

/** list → for each reservation, get it (by id, plus a frozen flag) → a count of what came back. */
function loopDefinition(opts: { ids: string[]; concurrency?: number; continueOnError?: boolean; maxItems?: number }) {
  return {
    steps: [
      { key: "list", type: "action", action_kind: "transform", inputs: { expression: JSON.stringify({ reservations: opts.ids.map((id) => ({ id })) }) } },
      {
        key: "get",
        type: "action",
        action_kind: "get_reservation",
        depends_on: ["list"],
        inputs: { id: "R-0", verbose: true },
        for_each: {
          items: { from_step: "list", output_path: "/reservations" },
          bind: [{ input_path: "/id", item_path: "/id" }],
          concurrency: opts.concurrency ?? 1,
          ...(opts.maxItems ? { max_items: opts.maxItems } : {}),
        },
        ...(opts.continueOnError ? { continue_on_error: true } : {}),
      },
      { key: "count", type: "action", action_kind: "transform", depends_on: ["get"], inputs: { expression: "$count($inputs.all)", all: [] }, bindings: [{ input_path: "/all", from_step: "get", output_path: "" }] },
    ],
  };
}

async function runOf(definition: unknown, input: Record<string, unknown> = {}) {
  const made = await create(definition);
  expect(made.status).toBe(201);
  const started = await runNow(made.json.id, input);
  expect(started.status).toBe(201);
  return waitForRun(ws.key, started.json.id);
}

describe("a for_each step", () => {
  it("calls its tool once per item, concurrently, each item keyed run:step:attempt:item, and outputs the list", async () => {
    const before = tool.requests.length;
    const ids = ["R-1", "R-22", "R-333", "R-4444"];
    const run = await runOf(loopDefinition({ ids, concurrency: 2 }));
    expect(run.status).toBe("succeeded");
    const sent = tool.requests.slice(before);
    expect(sent.map((r) => args(r).id).sort()).toEqual(ids);
    expect(sent.every((r) => (r.body as { arguments: { verbose: boolean } }).arguments.verbose === true)).toBe(true);
    expect(sent.map(key).sort()).toEqual(ids.map((_, i) => `${run.id}:get:1:${i}`));
    const get = stepOf(run, "get");
    expect(get.output).toEqual(ids.map((id) => ({ id, nights: id.length })));
    expect(get.items!.map((i) => [i.index, i.status, i.attempts])).toEqual(ids.map((_, i) => [i, "succeeded", 1]));
    expect(get.items![2]!.inputs).toEqual({ id: "R-333", verbose: true });
    expect(stepOf(run, "count").output).toBe(4);
  });

  it("runs over a list of another length tomorrow, and over none", async () => {
    expect(stepOf(await runOf(loopDefinition({ ids: ["A", "B", "C", "D", "E", "F", "G"] })), "count").output).toBe(7);
    const empty = await runOf(loopDefinition({ ids: [] }));
    expect(empty.status).toBe("succeeded");
    expect(stepOf(empty, "get").output).toEqual([]);
  });

  it("loops over a parameter's list, and templates see the item", async () => {
    const run = await runOf(
      {
        parameters: [{ name: "ids", type: "json", default: ["X-1"] }],
        steps: [
          {
            key: "get",
            type: "action",
            action_kind: "get_reservation",
            inputs: { id: "" },
            for_each: { items: { parameter: "ids" } },
            templates: [{ input_path: "/id", template: "{{ item }}-{{ $uppercase('b') }}" }],
          },
        ],
      },
      { ids: ["P-1", "P-2"] },
    );
    expect(run.status).toBe("succeeded");
    expect((stepOf(run, "get").output as { id: string }[]).map((o) => o.id)).toEqual(["P-1-B", "P-2-B"]);
  });

  it("fails on a failed item, naming it, and starts no item after it; with continue-on-error it goes on and outputs null there", async () => {
    behaviour.failing.add("BAD");
    const before = tool.requests.length;
    const failed = await runOf(loopDefinition({ ids: ["OK-1", "BAD", "OK-3"] }));
    expect(failed.status).toBe("failed");
    expect(stepOf(failed, "get").error).toMatch(/^item 2 of 3 failed: .*404/);
    expect(tool.requests.slice(before).map((r) => args(r).id)).toEqual(["OK-1", "BAD"]);
    expect(stepOf(failed, "get").items!.map((i) => i.status)).toEqual(["succeeded", "failed", "canceled"]);

    const going = await runOf(loopDefinition({ ids: ["OK-1", "BAD", "OK-3"], continueOnError: true }));
    expect(going.status).toBe("succeeded");
    const get = stepOf(going, "get");
    expect(get.output).toEqual([{ id: "OK-1", nights: 4 }, null, { id: "OK-3", nights: 4 }]);
    expect(get.error).toMatch(/^1 of 3 items failed; the first, item 2: /);
    behaviour.failing.delete("BAD");
  });

  it("loops over the lines of a text output, each item's first word feeding the input", async () => {
    const run = await runOf({
      steps: [
        { key: "list", type: "action", action_kind: "transform", inputs: { expression: '"L-1 first\n\nL-22 second\n"' } },
        { key: "get", type: "action", action_kind: "get_reservation", depends_on: ["list"], inputs: {}, for_each: { items: { from_step: "list", output_path: "", lines: true }, bind: [{ input_path: "/id", item_path: "", token: 0 }] } },
      ],
    });
    expect(run.status).toBe("succeeded");
    expect((stepOf(run, "get").output as { id: string }[]).map((o) => o.id)).toEqual(["L-1", "L-22"]);
  });

  it("fails clearly on something that is not a list, and on a list longer than max_items", async () => {
    const notList = await runOf({
      steps: [
        { key: "list", type: "action", action_kind: "transform", inputs: { expression: '{"reservations": "R-1"}' } },
        { key: "get", type: "action", action_kind: "get_reservation", depends_on: ["list"], inputs: {}, for_each: { items: { from_step: "list", output_path: "/reservations" } } },
      ],
    });
    expect(stepOf(notList, "get").error).toBe("for_each: list/reservations is not a list (got text)");
    const tooMany = await runOf(loopDefinition({ ids: ["1", "2", "3"], maxItems: 2 }));
    expect(stepOf(tooMany, "get").error).toBe("for_each: list/reservations has 3 items, more than max_items (2)");
    expect(stepOf(tooMany, "get").items).toBeUndefined();
  });

  it("is refused on save when it loops over a parameter that cannot hold a list, or from a step that is not upstream", async () => {
    const scalar = await create({
      parameters: [{ name: "ids", type: "string" }],
      steps: [{ key: "get", type: "action", action_kind: "get_reservation", inputs: {}, for_each: { items: { parameter: "ids" } } }],
    });
    expect(scalar.status).toBe(422);
    expect(scalar.json.error).toMatchObject({ code: "validation_error", field: "definition.steps[0].for_each.items.parameter" });
    expect(scalar.json.error.message).toContain("not a list");
    const stranger = await create({
      steps: [
        { key: "list", type: "action", action_kind: "transform", inputs: { expression: "[1]" } },
        { key: "get", type: "action", action_kind: "get_reservation", inputs: {}, for_each: { items: { from_step: "list", output_path: "" } } },
      ],
    });
    expect(stranger.status).toBe(422);
    expect(stranger.json.error.field).toBe("definition.steps[1].for_each.items.from_step");
  });

  it("resumed after its worker died mid-loop, re-sends no finished item and repeats the cut-off one under its key", async () => {
    const made = await create(loopDefinition({ ids: ["C-1", "C-2", "C-3", "C-4"] }));
    const db = await getDb();
    holdAnswer("C-3");
    const runId = await startRun(db, { workspaceId: ws.workspaceId, automationId: made.json.id, trigger: "manual" });
    // The engine's worker is busy with C-3; "kill" it there: stop it and leave its lease lapsed.
    const until = Date.now() + 10_000;
    while (!tool.requests.some((r) => args(r)?.id === "C-3") && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    abortLocalRun(runId);
    await waitForRun(ws.key, runId, ["running", "failed", "canceled", "succeeded"]);
    const past = new Date(Date.now() - 60_000);
    await db.$executeRaw`UPDATE automation_run SET status = 'running', "leaseOwner" = 'dead-worker', "leaseExpiresAt" = ${past} WHERE id = ${runId}`;
    await db.$executeRaw`UPDATE step_run SET status = 'running', "endedAt" = NULL, error = NULL WHERE "runId" = ${runId} AND "stepKey" = 'get'`;
    await db.$executeRaw`UPDATE step_item SET status = 'running', attempt = 1, "endedAt" = NULL, error = NULL WHERE "runId" = ${runId} AND "stepKey" = 'get' AND "index" = 2`;
    behaviour.hold?.release();
    behaviour.hold = undefined;
    const before = tool.requests.length;
    await advanceRun(db, runId);
    const run = await waitForRun(ws.key, runId);
    expect(run.status).toBe("succeeded");
    expect(tool.requests.slice(before).map((r) => [args(r).id, key(r)])).toEqual([
      ["C-3", `${runId}:get:1:2`],
      ["C-4", `${runId}:get:1:3`],
    ]);
    expect(stepOf(run, "count").output).toBe(4);
  });

  it("crystallized from a run over 3 reservations, fetches each of tomorrow's 4", async () => {
    const { definition, report } = crystallize(
      transcript([
        user("Show me the details of all my reservations"),
        toolCall("list_reservations", { status: "upcoming" }, { reservations: [{ id: "RSV-1" }, { id: "RSV-22" }, { id: "RSV-333" }] }),
        ...["RSV-1", "RSV-22", "RSV-333"].map((id) => toolCall("get_reservation", { id, verbose: true }, { id, nights: id.length })),
      ]),
    );
    expect(report.loops).toHaveLength(1);
    behaviour.list = ["T-1", "T-22", "T-333", "T-4444"];
    const before = tool.requests.length;
    const run = await runOf(definition);
    expect(run.status).toBe("succeeded");
    expect(tool.requests.slice(before).map((r) => [(r.body as { tool: string }).tool, args(r)])).toEqual([
      ["list_reservations", { status: "upcoming" }],
      ...behaviour.list.map((id) => ["get_reservation", { id, verbose: true }]),
    ]);
    expect(stepOf(run, "get_reservation_1").items).toHaveLength(4);
  });

  it("crystallized through the API, replays against its source run item by item", async () => {
    const list = { reservations: [{ id: "RSV-71" }, { id: "RSV-72" }] };
    const made = await call(agentRuns.POST, {
      key: ws.key,
      body: {
        agent: "reservations",
        tool_calls: [
          { id: "l", tool: "transform", arguments: { expression: JSON.stringify(list) }, result: list },
          ...list.reservations.map((r, i) => ({ id: `g${i}`, tool: "transform", arguments: { expression: "$inputs.id & '-ok'", id: r.id }, result: `${r.id}-ok` })),
        ],
      },
    });
    const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: made.json.id }, body: {}, method: "POST" });
    expect(res.status).toBe(201);
    expect(res.json.report.loops).toMatchObject([{ step: "transform_2", items: 2 }]);
    const rep = await call(replay.POST, { key: ws.key, params: { automation_id: res.json.automation.id }, body: {}, method: "POST" });
    expect(rep.status).toBe(200);
    expect(rep.json.reproduces).toBe(true);
    expect(rep.json.steps.find((s: { step_key: string }) => s.step_key === "transform_2")).toMatchObject({ mode: "executed", verdict: "equal", output: ["RSV-71-ok", "RSV-72-ok"] });
  });

  it("the demo restock run crystallizes into a loop that reorders each low-stock product through the demo tools", async () => {
    const db = await getDb();
    await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "demo-tools", kind: "builtin", config: DEMO_TOOLS_CONFIG, tools: [{ name: "list_low_stock" }, { name: "reorder_sku" }] },
    });
    const made = await call(agentRuns.POST, { key: ws.key, body: restockRun });
    expect(made.status).toBe(201);
    const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: made.json.id }, body: {}, method: "POST" });
    expect(res.status).toBe(201);
    expect(res.json.report.loops).toMatchObject([{ step: "reorder_sku_1", over: "list_low_stock_1/items", items: 2 }]);
    const run = await waitForRun(ws.key, (await runNow(res.json.automation.id, { threshold: 500 })).json.id);
    expect(run.status).toBe("succeeded");
    // Tomorrow's threshold lists every product: one purchase order each.
    expect((stepOf(run, "reorder_sku_1").output as { sku: string }[]).map((o) => o.sku)).toEqual(["TENT-2P", "STOVE-1", "BOTTLE"]);
  });

  it("canceled mid-loop, leaves the items it had not finished canceled, not pending", async () => {
    const made = await create(loopDefinition({ ids: ["K-1", "K-2", "K-3"] }));
    holdAnswer("K-2");
    const runId = (await runNow(made.json.id)).json.id as string;
    const until = Date.now() + 10_000;
    while (!tool.requests.some((r) => args(r)?.id === "K-2") && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const canceled = await call(cancel.POST, { key: ws.key, params: { run_id: runId }, body: {}, method: "POST" });
    expect(canceled.status).toBe(200);
    behaviour.hold?.release();
    behaviour.hold = undefined;
    const run = await waitForRun(ws.key, runId);
    expect(run.status).toBe("canceled");
    expect(stepOf(run, "get").items!.map((i) => i.status)).toEqual(["succeeded", "canceled", "canceled"]);
  });

  it("reads a tool endpoint's JSON sent as text/plain as JSON, as the crystallizer read it, so a loop over it runs", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(JSON.stringify({ reservations: [{ id: "TP-1" }, { id: "TP-2" }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const db = await getDb();
    const port = (server.address() as { port: number }).port;
    await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "plain", kind: "http", config: { url: `http://127.0.0.1:${port}/tool`, headers: {} }, tools: [{ name: "list_plain" }] },
    });
    try {
      const run = await runOf({
        steps: [
          { key: "list", type: "action", action_kind: "list_plain", inputs: {} },
          { key: "get", type: "action", action_kind: "get_reservation", depends_on: ["list"], inputs: {}, for_each: { items: { from_step: "list", output_path: "/reservations" }, bind: [{ input_path: "/id", item_path: "/id" }] } },
        ],
      });
      expect(run.status).toBe("succeeded");
      expect((stepOf(run, "get").output as { id: string }[]).map((o) => o.id)).toEqual(["TP-1", "TP-2"]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
