import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as runImport from "../app/api/v1/agents/runs/import/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as run from "../app/api/v1/agents/runs/[run_id]/route";
import * as threadImport from "../app/api/v1/chat/threads/import/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as messages from "../app/api/v1/chat/threads/[thread_id]/messages/route";
import { getDb } from "../lib/db";
import { call, seedWorkspace } from "./helpers";

// What real agent logs do that tidy examples do not: reuse tool-call ids, carry no name, and get
// dropped in twice.

type Ws = { workspaceId: string; key: string };
type Call = { call_id: string; tool: string; arguments: Record<string, unknown>; result: unknown; status: string; error: string | null };

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/imports", name), "utf8");
const tc = (id: string, name: string, args: object) => ({ id, type: "function", function: { name, arguments: JSON.stringify(args) } });

/** An OpenAI chat log in which every call is `call_0`, as some frameworks write them. */
const REUSED = [
  { role: "user", content: "Look up orders ORD-1 and ORD-2, then refund the second" },
  { role: "assistant", content: null, tool_calls: [tc("call_0", "get_order", { id: "ORD-1" })] },
  { role: "tool", tool_call_id: "call_0", content: '{"order":"ORD-1"}' },
  { role: "assistant", content: null, tool_calls: [tc("call_0", "get_order", { id: "ORD-2" })] },
  { role: "tool", tool_call_id: "call_0", content: '{"order":"ORD-2"}' },
  { role: "assistant", content: null, tool_calls: [tc("call_0", "issue_refund", { id: "ORD-2" })] },
  { role: "tool", tool_call_id: "call_0", content: '{"refund":"re_1"}' },
  { role: "assistant", content: "Refunded ORD-2." },
];

const summary = (calls: Call[]) => calls.map((c) => [c.call_id, c.tool, c.result, c.status]);

async function counts(workspaceId: string) {
  const db = await getDb();
  return {
    runs: await db.agentRun.count({ where: { workspaceId } }),
    threads: await db.chatThread.count({ where: { workspaceId } }),
    calls: await db.toolCall.count({ where: { OR: [{ run: { workspaceId } }, { thread: { workspaceId } }] } }),
  };
}

describe("reused tool-call ids", () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await seedWorkspace("Reused ids");
  });

  it("imports a log that reuses one id for every call, each result on its own call, and counts the reuse", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript: REUSED } });
    expect(res.status).toBe(201);
    expect(res.json.report).toMatchObject({ tool_calls: 3, repeated_call_ids: 2 });
    expect(summary(res.json.run.tool_calls)).toEqual([
      ["call_0", "get_order", { order: "ORD-1" }, "succeeded"],
      ["call_0", "get_order", { order: "ORD-2" }, "succeeded"],
      ["call_0", "issue_refund", { refund: "re_1" }, "succeeded"],
    ]);
    const stored = await call(run.GET, { key: ws.key, params: { run_id: res.json.run.id } });
    expect(summary(stored.json.tool_calls)).toEqual(summary(res.json.run.tool_calls));
    // Reused ids are harmless to crystallizing: the calls are told apart by their row ids.
    const made = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: res.json.run.id }, body: {}, query: "include=definition" });
    expect(made.status).toBe(201);
    expect(made.json.automation.definition.steps.map((s: { action_kind: string }) => s.action_kind)).toEqual(["get_order", "get_order", "issue_refund"]);
  });

  it("reports no reuse for a log without any", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("openai-chat.json") } });
    expect(res.json.report.repeated_call_ids).toBe(0);
  });

  it("gives a result to the latest call of its id still waiting for one", async () => {
    const transcript = [
      { role: "user", content: "Two lookups at once" },
      { role: "assistant", content: null, tool_calls: [tc("dup", "first", {}), tc("dup", "second", {})] },
      { role: "tool", tool_call_id: "dup", content: '"answer A"' },
      { role: "tool", tool_call_id: "dup", content: '"answer B"' },
    ];
    const res = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript } });
    expect(res.status).toBe(201);
    expect(res.json.run.tool_calls.map((c: Call) => [c.tool, c.result])).toEqual([
      ["first", "answer B"],
      ["second", "answer A"],
    ]);
  });

  it("reads reused ids in Anthropic, Responses and session-log files too", async () => {
    const anthropic = [
      { role: "user", content: "Check twice" },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "check", input: { n: 1 } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: '{"ok":1}' }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "check", input: { n: 2 } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "down", is_error: true }] },
    ];
    const a = await call(runImport.POST, { key: ws.key, body: { format: "anthropic-messages", transcript: anthropic } });
    expect(a.status).toBe(201);
    expect(a.json.run.tool_calls.map((c: Call) => [c.arguments.n, c.status, c.result ?? c.error])).toEqual([
      [1, "succeeded", { ok: 1 }],
      [2, "failed", "down"],
    ]);
    expect(a.json.report.repeated_call_ids).toBe(1);

    const responses = [
      { role: "user", content: "Check twice" },
      { type: "function_call", call_id: "fc_1", name: "check", arguments: '{"n":1}' },
      { type: "function_call_output", call_id: "fc_1", output: '{"ok":1}' },
      { type: "function_call", call_id: "fc_1", name: "check", arguments: '{"n":2}' },
      { type: "function_call_output", call_id: "fc_1", output: '{"ok":2}' },
    ];
    const r = await call(runImport.POST, { key: ws.key, body: { format: "openai-responses", transcript: responses } });
    expect(r.status).toBe(201);
    expect(r.json.run.tool_calls.map((c: Call) => [c.arguments.n, c.result])).toEqual([
      [1, { ok: 1 }],
      [2, { ok: 2 }],
    ]);
    expect(r.json.report.repeated_call_ids).toBe(1);

    const line = (timestamp: string, message: object) => JSON.stringify({ sessionId: "s1", version: "2.0.14", type: "x", message, timestamp });
    const session = [
      line("2026-11-20T09:00:00.000Z", { role: "user", content: "Check twice" }),
      line("2026-11-20T09:00:01.000Z", { role: "assistant", content: [{ type: "tool_use", id: "toolu_9", name: "check", input: { n: 1 } }] }),
      line("2026-11-20T09:00:02.000Z", { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "one" }] }),
      line("2026-11-20T09:00:05.000Z", { role: "assistant", content: [{ type: "tool_use", id: "toolu_9", name: "check", input: { n: 2 } }] }),
      line("2026-11-20T09:00:09.000Z", { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "two" }] }),
    ].join("\n");
    const s = await call(runImport.POST, { key: ws.key, body: { format: "jsonl-session", transcript: session } });
    expect(s.status).toBe(201);
    // Each call keeps its own times, not the last ones recorded for the id.
    expect(s.json.run.tool_calls.map((c: Call & { started_at: string; ended_at: string }) => [c.result, c.started_at, c.ended_at])).toEqual([
      ["one", "2026-11-20T09:00:01.000Z", "2026-11-20T09:00:02.000Z"],
      ["two", "2026-11-20T09:00:05.000Z", "2026-11-20T09:00:09.000Z"],
    ]);
  });

  it("refuses a result for an id whose calls all have theirs, naming the place, and stores nothing", async () => {
    const before = await counts(ws.workspaceId);
    const transcript = [...REUSED.slice(0, 3), { role: "tool", tool_call_id: "call_0", content: "again" }];
    const imported = await call(runImport.POST, { key: ws.key, body: { format: "openai-chat", transcript } });
    expect(imported.status).toBe(422);
    expect(imported.json.error).toMatchObject({ code: "validation_error", field: "transcript[3].tool_call_id" });
    expect(imported.json.error.message).toBe('transcript[3].tool_call_id: every assistant tool call "call_0" before this message has its result already');

    const responses = [
      { type: "function_call", call_id: "fc_1", name: "check", arguments: "{}" },
      { type: "function_call_output", call_id: "fc_1", output: "x" },
      { type: "function_call_output", call_id: "fc_1", output: "y" },
    ];
    const r = await call(runImport.POST, { key: ws.key, body: { format: "openai-responses", transcript: responses } });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("transcript[2].call_id");

    const created = await call(runs.POST, {
      key: ws.key,
      body: {
        agent: "answered",
        messages: [
          { role: "assistant", content: "", tool_calls: [{ id: "c1", tool: "t", result: 1 }] },
          { role: "tool", tool_call_id: "c1", content: "2" },
        ],
      },
    });
    expect(created.status).toBe(422);
    expect(created.json.error).toMatchObject({ code: "validation_error", field: "messages[1].tool_call_id" });
    expect(created.json.error.message).toMatch(/every tool call "c1" made before this message has its result already/);

    const unknown = await call(runs.POST, { key: ws.key, body: { agent: "unknown", messages: [{ role: "tool", tool_call_id: "ghost", content: "x" }] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.message).toBe('messages[0].tool_call_id: no tool call "ghost" was made before this message');
    expect(await counts(ws.workspaceId)).toEqual(before);
  });

  it("accepts reused ids through the API, in messages and in calls recorded without one", async () => {
    const res = await call(runs.POST, {
      key: ws.key,
      body: {
        agent: "api reuse",
        messages: [
          { role: "user", content: "go" },
          { role: "assistant", content: "", tool_calls: [{ id: "x", tool: "a" }] },
          { role: "tool", tool_call_id: "x", content: "1" },
          { role: "assistant", content: "", tool_calls: [{ id: "x", tool: "b" }] },
          { role: "tool", tool_call_id: "x", content: "2" },
        ],
        tool_calls: [
          { id: "y", tool: "c", result: 3 },
          { id: "y", tool: "d", result: 4 },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).not.toHaveProperty("report");
    expect(summary(res.json.tool_calls)).toEqual([
      ["x", "a", 1, "succeeded"],
      ["x", "b", 2, "succeeded"],
      ["y", "c", 3, "succeeded"],
      ["y", "d", 4, "succeeded"],
    ]);
  });

  it("appends to a thread: a result lands on the latest pending call of its id, old answered ones untouched", async () => {
    const created = await call(threads.POST, {
      key: ws.key,
      body: {
        messages: [
          { role: "user", content: "Sync the accounts" },
          { role: "assistant", content: "", tool_calls: [{ id: "sync", tool: "sync_account", arguments: { n: 1 } }] },
          { role: "tool", tool_call_id: "sync", content: '"done 1"' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const append = (msgs: unknown[]) => call(messages.POST, { key: ws.key, params: { thread_id: id }, body: { messages: msgs } });

    const twoPending = await append([{ role: "assistant", content: "", tool_calls: [{ id: "sync", tool: "sync_account", arguments: { n: 2 } }, { id: "sync", tool: "sync_account", arguments: { n: 3 } }] }]);
    expect(twoPending.status).toBe(201);
    expect(twoPending.json.status).toBe("active");

    const first = await append([{ role: "tool", tool_call_id: "sync", content: '"done 3"' }]);
    expect(first.status).toBe(201);
    expect(first.json.status).toBe("active");
    const second = await append([{ role: "tool", tool_call_id: "sync", content: '"done 2"' }]);
    expect(second.json.status).toBe("idle");
    expect(second.json.tool_calls.map((c: Call) => [c.arguments.n, c.result, c.status])).toEqual([
      [1, "done 1", "succeeded"],
      [2, "done 2", "succeeded"],
      [3, "done 3", "succeeded"],
    ]);

    // A new call reusing the id, answered in the same request.
    const same = await append([
      { role: "assistant", content: "", tool_calls: [{ id: "sync", tool: "sync_account", arguments: { n: 4 } }] },
      { role: "tool", tool_call_id: "sync", content: '"done 4"' },
    ]);
    expect(same.json.tool_calls.at(-1)).toMatchObject({ arguments: { n: 4 }, result: "done 4" });

    const extra = await append([{ role: "tool", tool_call_id: "sync", content: '"once more"' }]);
    expect(extra.status).toBe(422);
    expect(extra.json.error.field).toBe("messages[0].tool_call_id");
    expect(extra.json.error.message).toMatch(/has its result already/);
  });
});

describe("names", () => {
  let ws: Ws;
  beforeAll(async () => {
    ws = await seedWorkspace("Names");
  });

  it("names an imported run after the user's request, keeping the format as its origin", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("openai-chat.json") } });
    expect(res.json.run).toMatchObject({ title: "What was revenue by region last week? Chart it.", origin: "openai-chat" });
    const made = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: res.json.run.id }, body: {} });
    expect(made.json.automation.name).toBe("What was revenue by region last week? Chart it. (crystallized)");
  });

  it("shortens a long request at a word boundary", async () => {
    const long = "Please   pull\nlast quarter's revenue by region from the warehouse and build a board for the sales team";
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: [{ role: "user", content: long }, { role: "assistant", content: "Done." }] } });
    expect(res.json.run.title).toBe("Please pull last quarter's revenue by region from the…");
  });

  it("falls back to the agent's name in the file, then to the format", async () => {
    const mcp = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("mcp-log.jsonl") } });
    expect(mcp.json.run).toMatchObject({ title: "mcp client", origin: "mcp" });
    const ai = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("vercel-ai-v5.json") } });
    expect(ai.json.run).toMatchObject({ title: "imported (vercel-ai)", agent: "imported (vercel-ai)", origin: "vercel-ai" });
  });

  it("keeps a name given in the request", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("anthropic-messages.json"), agent: "revenue-bot" } });
    expect(res.json.run).toMatchObject({ agent: "revenue-bot", title: "revenue-bot" });
    const thr = await call(threadImport.POST, { key: ws.key, body: { transcript: fixture("anthropic-messages.json"), title: "Revenue chat" } });
    expect(thr.json.thread.title).toBe("Revenue chat");
  });

  it("titles threads after the request, imported or sent through the API", async () => {
    const imported = await call(threadImport.POST, { key: ws.key, body: { transcript: fixture("openai-chat.json") } });
    expect(imported.json.thread).toMatchObject({ title: "What was revenue by region last week? Chart it.", origin: "openai-chat" });
    const unnamed = await call(threadImport.POST, { key: ws.key, body: { transcript: fixture("vercel-ai-v4.json") } });
    expect(unnamed.json.thread.title).toBe("imported (vercel-ai)");

    const text = "Customer jane.doe@example.com says order ORD-1042 was charged twice. Can you sort it out?";
    const created = await call(threads.POST, { key: ws.key, body: { messages: [{ role: "system", content: "Support" }, { role: "user", content: text }] } });
    expect(created.json.title).toBe("Customer jane.doe@example.com says order ORD-1042 was…");
    const empty = await call(threads.POST, { key: ws.key, body: { messages: [] } });
    expect(empty.json.title).toBe("Untitled thread");
  });
});

describe("importing the same file twice", () => {
  let ws: Ws;
  let other: Ws;
  beforeAll(async () => {
    ws = await seedWorkspace("Duplicates");
    other = await seedWorkspace("Duplicates elsewhere");
  });

  it("answers 409 naming the earlier run, and writes nothing", async () => {
    const text = fixture("openai-responses.json");
    const first = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    expect(first.status).toBe(201);
    const before = await counts(ws.workspaceId);

    const again = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    expect(again.status).toBe(409);
    const runId = first.json.run.id;
    expect(again.json.error).toEqual({
      code: "conflict",
      message: `This file was imported already as agent run ${runId} (/history/runs/${runId}); add ?duplicate=allow to import it again`,
      existing: { id: runId, url: `/history/runs/${runId}` },
    });
    // The same content parsed, with other whitespace, is the same file.
    const parsed = await call(runImport.POST, { key: ws.key, body: { transcript: JSON.parse(text) } });
    expect(parsed.status).toBe(409);
    const reformatted = await call(runImport.POST, { key: ws.key, body: { format: "openai-responses", transcript: JSON.stringify(JSON.parse(text)) } });
    expect(reformatted.status).toBe(409);
    expect(await counts(ws.workspaceId)).toEqual(before);
  });

  it("imports it again with ?duplicate=allow", async () => {
    const text = fixture("langsmith.json");
    const first = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    const second = await call(runImport.POST, { key: ws.key, body: { transcript: text }, query: "duplicate=allow" });
    expect(second.status).toBe(201);
    expect(second.json.run.id).not.toBe(first.json.run.id);
    expect(second.json.run.tool_calls).toHaveLength(first.json.run.tool_calls.length);
    // Once imported twice, a third attempt names the first.
    const third = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    expect(third.json.error.existing.id).toBe(first.json.run.id);
    const bad = await call(runImport.POST, { key: ws.key, body: { transcript: text }, query: "duplicate=maybe" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("query.duplicate");
  });

  it("treats a changed value, another workspace and the other kind of source as new", async () => {
    const text = fixture("openai-agents.json");
    expect((await call(runImport.POST, { key: ws.key, body: { transcript: text } })).status).toBe(201);
    expect((await call(runImport.POST, { key: ws.key, body: { transcript: text.replace("EMEA", "APAC") } })).status).toBe(201);
    expect((await call(runImport.POST, { key: other.key, body: { transcript: text } })).status).toBe(201);

    const thread = await call(threadImport.POST, { key: ws.key, body: { transcript: text } });
    expect(thread.status).toBe(201);
    const again = await call(threadImport.POST, { key: ws.key, body: { transcript: text } });
    expect(again.status).toBe(409);
    const threadId = thread.json.thread.id;
    expect(again.json.error.existing).toEqual({ id: threadId, url: `/history/threads/${threadId}` });
    expect(again.json.error.message).toContain(`imported already as chat thread ${threadId}`);
  });

  it("does not count an unfinished (staged) import", async () => {
    const db = await getDb();
    const text = fixture("otlp-genai.json");
    const first = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    await db.agentRun.update({ where: { id: first.json.run.id }, data: { staged: true } });
    const second = await call(runImport.POST, { key: ws.key, body: { transcript: text } });
    expect(second.status).toBe(201);
  });

  it("reveals only one of two identical imports made at once", async () => {
    const db = await getDb();
    const text = fixture("claude-code-session.jsonl");
    const both = await Promise.all([0, 1].map(() => call(runImport.POST, { key: ws.key, body: { transcript: text } })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const kept = both.find((r) => r.status === 201)!.json.run.id;
    const hash = (await db.agentRun.findUniqueOrThrow({ where: { id: kept } })).contentHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.agentRun.findMany({ where: { workspaceId: ws.workspaceId, contentHash: hash }, select: { id: true } })).toEqual([{ id: kept }]);
  });
});
