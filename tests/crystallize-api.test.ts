import { beforeAll, describe, expect, it } from "vitest";
import * as runs from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as automations from "../app/api/v1/automations/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as review from "../app/api/v1/automations/[automation_id]/steps/[step_key]/review/route";
import * as versions from "../app/api/v1/automations/[automation_id]/versions/route";
import * as version from "../app/api/v1/automations/[automation_id]/versions/[version]/route";
import * as restore from "../app/api/v1/automations/[automation_id]/versions/[version]/restore/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as crystallizeThread from "../app/api/v1/chat/threads/[thread_id]/crystallize/route";
import { getDb } from "../lib/db";
import { ORDER_ROWS, REVENUE_ROWS, refundThread, revenueRun } from "../lib/demo/demo-data";
import { call, seedWorkspace } from "./helpers";

let ws: { workspaceId: string; key: string };
let other: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace();
  other = await seedWorkspace("Other");
});

async function crystallizeRevenue(body?: unknown, headers?: Record<string, string>) {
  const created = await call(runs.POST, { key: ws.key, body: revenueRun });
  const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: created.json.id }, body, headers, method: "POST", query: "include=definition" });
  return { runId: created.json.id as string, res };
}

describe("POST /agents/runs/{id}/crystallize", () => {
  it("turns the revenue run into q1 ∥ q2 → dashboard with the exact parameters", async () => {
    const { runId, res } = await crystallizeRevenue();
    expect(res.status).toBe(201);
    const a = res.json.automation;
    expect(a).toMatchObject({ source_type: "CRYSTALLIZED", status: "draft", version: 1, source: { type: "agent_run", id: runId } });
    const steps = a.definition.steps;
    expect(steps.map((s: { key: string; type: string }) => [s.key, s.type])).toEqual([
      ["generate_query_1", "action"],
      ["generate_query_2", "action"],
      ["create_flashboard_1", "action"],
    ]);
    const calls = revenueRun.messages.flatMap((m) => m.tool_calls ?? []);
    steps.forEach((s: { inputs: unknown }, i: number) => expect(s.inputs).toEqual(calls[i]!.arguments));
    expect(a.definition.metadata.nondeterministic_steps).toEqual(["generate_query_1", "generate_query_2"]);
    expect(steps[2].depends_on).toEqual(["generate_query_1", "generate_query_2"]);
    expect(steps[2].bindings).toEqual([
      { input_path: "/charts/0/data", from_step: "generate_query_1", output_path: "/rows", recorded_value: REVENUE_ROWS },
      { input_path: "/charts/1/data", from_step: "generate_query_2", output_path: "/rows", recorded_value: ORDER_ROWS },
    ]);
    expect(res.json.report).toMatchObject({ tool_calls: 3, action_steps: 3, approval_gates: 0, dropped: [] });
    const listed = await call(automations.GET, { key: ws.key, query: "source_type=CRYSTALLIZED" });
    expect(listed.json.data.map((x: { id: string }) => x.id)).toContain(a.id);
  });

  it("leaves the definition out of the answer unless asked, and stores it all the same", async () => {
    const created = await call(runs.POST, { key: ws.key, body: revenueRun });
    const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: created.json.id }, method: "POST" });
    expect(res.status).toBe(201);
    expect(res.json.automation).not.toHaveProperty("definition");
    expect(res.json.automation).toMatchObject({ version: 1, content_hash: expect.any(String) });
    expect(res.json.report.action_steps).toBe(3);
    const stored = await call(automation.GET, { key: ws.key, params: { automation_id: res.json.automation.id } });
    expect(stored.json.definition.steps).toHaveLength(3);
    expect(stored.json.content_hash).toBe(res.json.automation.content_hash);
  });

  it("takes a name and sequential ordering", async () => {
    const { res } = await crystallizeRevenue({ name: "Q1 board", options: { ordering: "sequential" } });
    expect(res.json.automation.name).toBe("Q1 board");
    expect(res.json.automation.definition.steps[1].depends_on).toEqual(["generate_query_1"]);
  });

  it("is idempotent per Idempotency-Key", async () => {
    const created = await call(runs.POST, { key: ws.key, body: revenueRun });
    const send = (body: unknown) =>
      call(crystallizeRun.POST, { key: ws.key, params: { run_id: created.json.id }, body, headers: { "idempotency-key": "idem-1" } });
    const [a, b] = await Promise.all([send({ name: "Once" }), send({ name: "Once" })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.automation.id).toBe(b.json.automation.id);
    const db = await getDb();
    expect(await db.automation.count({ where: { workspaceId: ws.workspaceId, name: "Once" } })).toBe(1);
    const reused = await send({ name: "Different" });
    expect(reused.status).toBe(422);
  });

  it("refuses unknown, foreign, running and empty sources, creating nothing", async () => {
    const db = await getDb();
    const before = await db.automation.count({ where: { workspaceId: ws.workspaceId } });
    expect((await call(crystallizeRun.POST, { key: ws.key, params: { run_id: "run_missing" }, method: "POST" })).status).toBe(404);
    const mine = await call(runs.POST, { key: ws.key, body: revenueRun });
    expect((await call(crystallizeRun.POST, { key: other.key, params: { run_id: mine.json.id }, method: "POST" })).status).toBe(404);
    const running = await call(runs.POST, { key: ws.key, body: { ...revenueRun, status: "running" } });
    const r409 = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: running.json.id }, method: "POST" });
    expect(r409.status).toBe(409);
    const failed = await call(runs.POST, { key: ws.key, body: { agent: "x", tool_calls: [{ id: "a", tool: "t", status: "failed", error: "boom" }] } });
    const r422 = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: failed.json.id }, method: "POST" });
    expect(r422.status).toBe(422);
    expect(r422.json.error.message).toMatch(/nothing to crystallize/);
    expect(await db.automation.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });
});

describe("POST /chat/threads/{id}/crystallize", () => {
  it("keeps the recorded approval as a gate and the user's values as parameters", async () => {
    const created = await call(threads.POST, { key: ws.key, body: refundThread });
    const res = await call(crystallizeThread.POST, { key: ws.key, params: { thread_id: created.json.id }, method: "POST", query: "include=definition" });
    expect(res.status).toBe(201);
    const steps = res.json.automation.definition.steps;
    expect(steps.map((s: { key: string }) => s.key)).toEqual(["get_order_1", "approve_issue_refund_1", "issue_refund_1", "send_email_1"]);
    // The user's "yes" covers the email too: it waits on the same gate.
    expect(steps[3].depends_on).toContain("approve_issue_refund_1");
    expect(steps[1].type).toBe("approval_gate");
    expect(steps[2].depends_on).toContain("approve_issue_refund_1");
    expect(steps[2].bindings[0]).toMatchObject({ input_path: "/payment_id", from_step: "get_order_1", output_path: "/payments/1/payment_id" });
    expect(res.json.automation.definition.parameters.map((p: { name: string }) => p.name)).toEqual(["order_id", "to"]);
  });
});

describe("automations CRUD and versions", () => {
  const definition = {
    steps: [
      { key: "fetch", type: "action", action_kind: "http_request", inputs: { method: "GET", url: "https://example.com/a" } },
      { key: "check", type: "condition", inputs: { expression: "fetch.status = 200" }, depends_on: ["fetch"], branches: { true: ["ok"], false: ["alert"] } },
      { key: "ok", type: "action", action_kind: "notify", inputs: { message: "fine" } },
      { key: "alert", type: "action", action_kind: "notify", inputs: { message: "down" } },
    ],
  };

  it("creates a MANUAL automation, edits it into version 2, and conflicts on a stale base", async () => {
    const created = await call(automations.POST, { key: ws.key, body: { name: "Uptime", definition } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ source_type: "MANUAL", status: "draft", version: 1 });
    const ok = created.json.definition.steps.find((s: { key: string }) => s.key === "ok");
    expect(ok.depends_on).toEqual(["check"]);
    const id = created.json.id;

    const edited = structuredClone(created.json.definition);
    edited.steps[2].inputs.message = "all good";
    const v2 = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: id }, body: { base_version: 1, definition: edited, message: "Friendlier" } });
    expect(v2.status).toBe(200);
    expect(v2.json.version).toBe(2);
    const stale = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: id }, body: { base_version: 1, definition: edited } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: "conflict", current_version: 2 });

    const list = await call(versions.GET, { key: ws.key, params: { automation_id: id } });
    expect(list.json.data.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([
      [2, "Friendlier"],
      [1, "Created"],
    ]);
    expect(list.json.data[0].content_hash).not.toBe(list.json.data[1].content_hash);
    const v1 = await call(version.GET, { key: ws.key, params: { automation_id: id, version: "1" } });
    expect(v1.json.definition.steps[2].inputs.message).toBe("fine");

    const restored = await call(restore.POST, { key: ws.key, params: { automation_id: id, version: "1" }, body: {} });
    expect(restored.status).toBe(201);
    expect(restored.json.version).toBe(3);
    expect(restored.json.definition.steps[2].inputs.message).toBe("fine");
    expect(restored.json.content_hash).toBe(list.json.data[1].content_hash);
  });

  it("lets only one of two concurrent edits of the same base win", async () => {
    const created = await call(automations.POST, { key: ws.key, body: { name: "Race", definition } });
    const edit = (message: string) =>
      call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: created.json.id }, body: { base_version: 1, definition, message } });
    const results = await Promise.all([edit("a"), edit("b")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("rejects cycles, dangling references and bindings from downstream, naming the step", async () => {
    const bad: [unknown, RegExp][] = [
      [{ steps: [{ key: "a", type: "action", action_kind: "x", depends_on: ["b"] }, { key: "b", type: "action", action_kind: "x", depends_on: ["a"] }] }, /Step "(a|b)".*cycle/],
      [{ steps: [{ key: "a", type: "action", action_kind: "x", depends_on: ["ghost"] }] }, /Step "a".*"ghost", which does not exist/],
      [
        { steps: [{ key: "a", type: "action", action_kind: "x", bindings: [{ input_path: "/v", from_step: "b", output_path: "/x" }] }, { key: "b", type: "action", action_kind: "x" }] },
        /Step "a".*not upstream/,
      ],
      [{ steps: [{ key: "a", type: "action", action_kind: "x" }, { key: "a", type: "action", action_kind: "y" }] }, /Step "a" \(steps\[1\]\).*used by steps\[0\]/],
      [{ steps: [{ key: "a", type: "action" }] }, /action_kind/],
      [{ steps: [{ key: "Bad Key", type: "action", action_kind: "x" }] }, /steps\[0\]\.key/],
    ];
    for (const [def, message] of bad) {
      const res = await call(automations.POST, { key: ws.key, body: { name: "Bad", definition: def } });
      expect(res.status).toBe(422);
      expect(res.json.error.message).toMatch(message);
    }
  });

  it("marks a flagged step reviewed, and an edit of its inputs asks for a new review", async () => {
    const { res } = await crystallizeRevenue();
    const id = res.json.automation.id;
    const reviewed = await call(review.POST, { key: ws.key, params: { automation_id: id, step_key: "generate_query_1" }, method: "POST" });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json.version).toBe(2);
    const step = reviewed.json.definition.steps[0];
    expect(step.reviewed.by).toMatch(/^key:/);
    expect(reviewed.json.definition.metadata.unreviewed_steps).toEqual(["generate_query_2"]);

    const def = structuredClone(reviewed.json.definition);
    def.steps[0].inputs.sql = "SELECT 1";
    delete def.steps[0].nondeterministic; // a client cannot clear the flag by omitting it
    const edited = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: id }, body: { base_version: 2, definition: def } });
    expect(edited.json.definition.steps[0].nondeterministic).toBeTruthy();
    expect(edited.json.definition.metadata.unreviewed_steps).toEqual(["generate_query_1", "generate_query_2"]);

    expect((await call(review.POST, { key: ws.key, params: { automation_id: id, step_key: "create_flashboard_1" }, method: "POST" })).status).toBe(422);
    expect((await call(review.POST, { key: ws.key, params: { automation_id: id, step_key: "nope" }, method: "POST" })).status).toBe(404);
  });

  it("renames without a new version, deletes, and hides everything from other workspaces", async () => {
    const created = await call(automations.POST, { key: ws.key, body: { name: "Temp" } });
    const id = created.json.id;
    const renamed = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: id }, body: { name: "Renamed" } });
    expect(renamed.json).toMatchObject({ name: "Renamed", version: 1 });
    for (const r of [
      call(automation.GET, { key: other.key, params: { automation_id: id } }),
      call(automation.PATCH, { key: other.key, method: "PATCH", params: { automation_id: id }, body: { name: "x" } }),
      call(automation.DELETE, { key: other.key, method: "DELETE", params: { automation_id: id } }),
      call(versions.GET, { key: other.key, params: { automation_id: id } }),
      call(version.GET, { key: other.key, params: { automation_id: id, version: "1" } }),
      call(restore.POST, { key: other.key, params: { automation_id: id, version: "1" }, body: {} }),
    ])
      expect((await r).status).toBe(404);
    expect((await call(automation.DELETE, { key: ws.key, method: "DELETE", params: { automation_id: id } })).status).toBe(204);
    expect((await call(automation.GET, { key: ws.key, params: { automation_id: id } })).status).toBe(404);
  });
});
