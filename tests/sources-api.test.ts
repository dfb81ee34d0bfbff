import { beforeAll, describe, expect, it } from "vitest";
import * as runs from "../app/api/v1/agents/runs/route";
import * as runImport from "../app/api/v1/agents/runs/import/route";
import * as run from "../app/api/v1/agents/runs/[run_id]/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as threadImport from "../app/api/v1/chat/threads/import/route";
import * as thread from "../app/api/v1/chat/threads/[thread_id]/route";
import * as messages from "../app/api/v1/chat/threads/[thread_id]/messages/route";
import { getDb } from "../lib/db";
import { DASHBOARD_TITLE, revenueRun, refundThread } from "../lib/demo/demo-data";
import { call, seedWorkspace } from "./helpers";

let ws: { workspaceId: string; key: string };
let other: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace();
  other = await seedWorkspace("Other");
});

describe("agent runs API", () => {
  it("stores a run with messages and calls, and reads it back in order", async () => {
    const created = await call(runs.POST, { key: ws.key, body: revenueRun });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^run_/);
    expect(created.json.tool_calls.map((c: { call_id: string }) => c.call_id)).toEqual(["call_rev_q1", "call_orders_q1", "call_board_q1"]);
    const got = await call(run.GET, { key: ws.key, params: { run_id: created.json.id } });
    expect(got.status).toBe(200);
    expect(got.json.messages).toHaveLength(4);
    expect(got.json.tool_calls[2].arguments.title).toBe(DASHBOARD_TITLE);
    expect(got.json.tool_calls[0].message_id).toBe(got.json.messages[1].id);
  });

  it("lists with filters and keyset pagination", async () => {
    for (let i = 0; i < 3; i++) await call(runs.POST, { key: ws.key, body: { agent: "pager", tool_calls: [{ id: `c${i}`, tool: "t", result: i }] } });
    const first = await call(runs.GET, { key: ws.key, query: "agent=pager&limit=2" });
    expect(first.json.data).toHaveLength(2);
    const second = await call(runs.GET, { key: ws.key, query: `agent=pager&limit=2&cursor=${first.json.next_cursor}` });
    expect(second.json.data).toHaveLength(1);
    expect(second.json.next_cursor).toBeNull();
    const ids = [...first.json.data, ...second.json.data].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(3);
  });

  it("keeps another workspace's run out of reach", async () => {
    const created = await call(runs.POST, { key: ws.key, body: { agent: "private", tool_calls: [] } });
    const foreign = await call(run.GET, { key: other.key, params: { run_id: created.json.id } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe("not_found");
    const list = await call(runs.GET, { key: other.key, query: "agent=private" });
    expect(list.json.data).toEqual([]);
  });

  it("accepts a reused call id, keeping both calls", async () => {
    const res = await call(runs.POST, { key: ws.key, body: { agent: "dup", tool_calls: [{ id: "x", tool: "a" }, { id: "x", tool: "b" }] } });
    expect(res.status).toBe(201);
    expect(res.json.tool_calls.map((c: { call_id: string; tool: string }) => [c.call_id, c.tool])).toEqual([
      ["x", "a"],
      ["x", "b"],
    ]);
  });
});

describe("chat threads API", () => {
  it("stores a thread, then appends a call and its result", async () => {
    const created = await call(threads.POST, { key: ws.key, body: refundThread });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe("idle");
    const id = created.json.id;
    const pending = await call(messages.POST, {
      key: ws.key,
      params: { thread_id: id },
      body: { messages: [{ role: "user", content: "Also check order ORD-2001" }, { role: "assistant", content: "", tool_calls: [{ id: "call_more", tool: "get_order", arguments: { order_id: "ORD-2001" } }] }] },
    });
    expect(pending.status).toBe(201);
    expect(pending.json.status).toBe("active");
    const done = await call(messages.POST, {
      key: ws.key,
      params: { thread_id: id },
      body: { messages: [{ role: "tool", tool_call_id: "call_more", content: '{"order_id":"ORD-2001","total_amount":12.5}' }] },
    });
    expect(done.json.status).toBe("idle");
    const last = done.json.tool_calls.at(-1);
    expect(last).toMatchObject({ call_id: "call_more", status: "succeeded", result: { order_id: "ORD-2001", total_amount: 12.5 } });
    expect(done.json.messages.map((m: { position: number }) => m.position)).toEqual([...Array(done.json.messages.length).keys()]);
  });

  it("refuses a tool result for an unknown call", async () => {
    const created = await call(threads.POST, { key: ws.key, body: { messages: [{ role: "user", content: "hi" }] } });
    const res = await call(messages.POST, { key: ws.key, params: { thread_id: created.json.id }, body: { messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] } });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("messages[0].tool_call_id");
    const unchanged = await call(thread.GET, { key: ws.key, params: { thread_id: created.json.id } });
    expect(unchanged.json.messages).toHaveLength(1);
  });

  it("is a 404 from another workspace", async () => {
    const created = await call(threads.POST, { key: ws.key, body: { messages: [] } });
    expect((await call(thread.GET, { key: other.key, params: { thread_id: created.json.id } })).status).toBe(404);
    expect((await call(messages.POST, { key: other.key, params: { thread_id: created.json.id }, body: { messages: [{ role: "user", content: "x" }] } })).status).toBe(404);
  });
});

const OPENAI = [
  { role: "system", content: "You are a helpful analyst." },
  { role: "user", content: "What is the weather in Lisbon?" },
  { role: "assistant", content: null, tool_calls: [{ id: "call_abc", type: "function", function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"c"}' } }] },
  { role: "tool", tool_call_id: "call_abc", content: '{"temp":21,"sky":"clear"}' },
  { role: "assistant", content: null, function_call: { name: "get_forecast", arguments: '{"city":"Lisbon","days":3}' } },
  { role: "function", name: "get_forecast", content: "sunny all week" },
  { role: "assistant", content: "It is 21°C and clear." },
];

const ANTHROPIC = {
  model: "claude-x",
  system: "You are a support agent.",
  messages: [
    { role: "user", content: "Refund order ORD-77" },
    { role: "assistant", content: [{ type: "text", text: "Looking it up." }, { type: "tool_use", id: "toolu_1", name: "get_order", input: { order_id: "ORD-77" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: '{"payment_id":"pay_abc123"}' }] }] },
    { role: "assistant", content: [{ type: "tool_use", id: "toolu_2", name: "issue_refund", input: { payment_id: "pay_abc123" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "card network timeout", is_error: true }] },
    { role: "assistant", content: [{ type: "tool_use", id: "toolu_3", name: "issue_refund", input: { payment_id: "pay_abc123" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_3", content: '{"refund_id":"re_1"}' }] },
  ],
};

describe("transcript import", () => {
  it("imports an OpenAI chat transcript, legacy function calls included", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript: OPENAI, agent: "weather-bot" } });
    expect(res.status).toBe(201);
    expect(res.json.report).toMatchObject({ format: "openai-chat", messages: 7, tool_calls: 2 });
    expect(res.json.run.tool_calls.map((c: { tool: string; arguments: unknown; result: unknown; status: string }) => [c.tool, c.arguments, c.result, c.status])).toEqual([
      ["get_weather", { city: "Lisbon", unit: "c" }, { temp: 21, sky: "clear" }, "succeeded"],
      ["get_forecast", { city: "Lisbon", days: 3 }, "sunny all week", "succeeded"],
    ]);
  });

  it("imports Anthropic messages as a thread, with is_error failures", async () => {
    const res = await call(threadImport.POST, { key: ws.key, body: { format: "anthropic-messages", transcript: ANTHROPIC } });
    expect(res.status).toBe(201);
    expect(res.json.thread.messages[0]).toMatchObject({ role: "system", text: "You are a support agent." });
    expect(res.json.thread.tool_calls.map((c: { call_id: string; status: string }) => [c.call_id, c.status])).toEqual([
      ["toolu_1", "succeeded"],
      ["toolu_2", "failed"],
      ["toolu_3", "succeeded"],
    ]);
    expect(res.json.thread.tool_calls[0].result).toEqual({ payment_id: "pay_abc123" });
    expect(res.json.thread.tool_calls[1].error).toBe("card network timeout");
  });

  it("reads JSONL text and JSON text", async () => {
    const jsonl = OPENAI.map((m) => JSON.stringify(m)).join("\n");
    const a = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript: jsonl } });
    // The same file as imported above, parsed there: allowed in once more.
    const b = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript: JSON.stringify(OPENAI) }, query: "duplicate=allow" });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.report.tool_calls).toBe(2);
  });

  it("names what is wrong and where, and stores nothing", async () => {
    const db = await getDb();
    const before = await db.agentRun.count({ where: { workspaceId: ws.workspaceId } });
    const badArgs = structuredClone(OPENAI);
    (badArgs[2] as { tool_calls: { function: { arguments: string } }[] }).tool_calls[0]!.function.arguments = "{city: Lisbon";
    const cases: [unknown, RegExp][] = [
      [badArgs, /transcript\[2\]\.tool_calls\[0\]\.function\.arguments: is not valid JSON/],
      [[{ role: "tool", tool_call_id: "ghost", content: "x" }], /transcript\[0\]\.tool_call_id: no assistant tool call "ghost"/],
      ['{"role":"user","content":"hi"}\n{oops', /transcript line 2: is not valid JSON/],
      [{ nothing: true }, /transcript: expected an array of messages/],
      [[{ role: "wizard", content: "x" }], /transcript\[0\]\.role/],
    ];
    for (const [transcript, message] of cases) {
      const res = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript } });
      expect(res.status).toBe(422);
      expect(res.json.error.message).toMatch(message);
    }
    const anth = await call(runImport.POST, {
      key: ws.key,
      body: { format: "anthropic-messages", transcript: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_x", content: "" }] }] },
    });
    expect(anth.json.error.message).toMatch(/transcript\[0\]\.content\[0\]\.tool_use_id: no tool_use "toolu_x"/);
    expect(await db.agentRun.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });

  it("refuses an unknown format", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { format: "gemini", transcript: [] } });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("body.format");
  });
});
