import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as runImport from "../app/api/v1/agents/runs/import/route";
import * as threadImport from "../app/api/v1/chat/threads/import/route";
import { getDb } from "../lib/db";
import { call, seedWorkspace } from "./helpers";

// Every vendor fixture records the same work (a SQL query, then a chart of its rows), written in
// that vendor's documented shape. Import → crystallize must give the same automation each time.

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/imports", name), "utf8");

// `asked`: whether the format records the user's request (AI SDK results and MCP logs do not).
const FIXTURES: [file: string, format: string, asked: boolean][] = [
  ["openai-chat.json", "openai-chat", true],
  ["anthropic-messages.json", "anthropic-messages", true],
  ["openai-responses.json", "openai-responses", true],
  ["vercel-ai-v5.json", "vercel-ai", false],
  ["vercel-ai-v4.json", "vercel-ai", false],
  ["langsmith.json", "langsmith", true],
  ["openai-agents.json", "openai-agents", true],
  ["claude-code-session.jsonl", "jsonl-session", true],
  ["mcp-log.jsonl", "mcp", false],
  ["otlp-genai.json", "otlp", true],
];

const ROWS = [
  { region: "AMER", revenue: 3400 },
  { region: "EMEA", revenue: 1200 },
];

let ws: { workspaceId: string; key: string };
// A workspace per group: a file imported twice into one workspace is refused as a re-import.
const freshWorkspace = () =>
  beforeAll(async () => {
    ws = await seedWorkspace();
  });

describe.each(FIXTURES)("import %s", (file, format, asked) => {
  freshWorkspace();
  it(`detects ${format}, and crystallizes to run_sql → create_chart with the rows bound`, async () => {
    const imported = await call(runImport.POST, { key: ws.key, body: { transcript: fixture(file) } });
    expect(imported.status).toBe(201);
    expect(imported.json.report).toMatchObject({ format, detected: true, tool_calls: 2 });
    const calls = imported.json.run.tool_calls;
    expect(calls.map((c: { tool: string; status: string }) => [c.tool, c.status])).toEqual([
      ["run_sql", "succeeded"],
      ["create_chart", "succeeded"],
    ]);
    expect(calls[0].arguments.sql).toMatch(/^SELECT region, SUM\(amount\)/);
    expect(calls[0].result).toEqual(ROWS);
    expect(imported.json.run.messages.some((m: { role: string; text: string }) => m.role === "user" && /revenue by region/.test(m.text))).toBe(asked);

    const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: imported.json.run.id }, method: "POST", query: "include=definition" });
    expect(res.status).toBe(201);
    const steps = res.json.automation.definition.steps;
    expect(steps.map((s: { key: string; action_kind: string }) => [s.key, s.action_kind])).toEqual([
      ["run_sql_1", "run_sql"],
      ["create_chart_1", "create_chart"],
    ]);
    expect(steps[1].bindings).toEqual([{ input_path: "/rows", from_step: "run_sql_1", output_path: "", recorded_value: ROWS }]);
    expect(steps[1].depends_on).toEqual(["run_sql_1"]);
  });
});

describe("import reports", () => {
  freshWorkspace();
  it("counts skipped records by reason", async () => {
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("mcp-log.jsonl") } });
    expect(res.json.report.skipped).toEqual(
      expect.arrayContaining([
        { where: "transcript line 1.message", reason: "initialize requests are not tool calls", count: 1 },
        { where: "transcript line 3", reason: "notifications/initialized notifications are not tool calls", count: 1 },
      ]),
    );
  });

  it("keeps the vendor's times, and names runs after the request, else the agent's name", async () => {
    const asked = "What was revenue by region last week? Chart it.";
    const cc = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("claude-code-session.jsonl") } });
    // The agent stays the framework's, so the agent filter still finds imports.
    expect(cc.json.run).toMatchObject({ title: asked, agent: "claude-code", origin: "jsonl-session", started_at: "2026-11-20T09:00:00.000Z" });
    expect((await call(runs.GET, { key: ws.key, query: "agent=claude-code" })).json.data.map((r: { id: string }) => r.id)).toContain(cc.json.run.id);
    expect(cc.json.run.tool_calls[0]).toMatchObject({ started_at: "2026-11-20T09:00:01.000Z", ended_at: "2026-11-20T09:00:03.000Z" });
    const agents = JSON.parse(fixture("openai-agents.json"));
    const unasked = await call(runImport.POST, { key: ws.key, body: { transcript: agents.data.filter((r: { span_data?: { type: string } }) => r.span_data?.type !== "generation") } });
    expect(unasked.json.run.title).toBe("Revenue analyst");
    const ls = await call(runImport.POST, { key: ws.key, body: { transcript: fixture("langsmith.json") } });
    expect(ls.json.run).toMatchObject({ title: asked, started_at: "2026-11-20T09:00:00.000Z" });
  });

  it("reads a flat LangSmith run list joined by parent_run_id, in execution order", async () => {
    const tree = JSON.parse(fixture("langsmith.json"));
    const { child_runs, ...root } = tree;
    const flat = [...child_runs].reverse().concat([root]);
    const res = await call(runImport.POST, { key: ws.key, body: { format: "langsmith", transcript: flat } });
    expect(res.status).toBe(201);
    expect(res.json.run.tool_calls.map((c: { tool: string }) => c.tool)).toEqual(["run_sql", "create_chart"]);
  });

  it("imports as a chat thread too", async () => {
    const res = await call(threadImport.POST, { key: ws.key, body: { transcript: fixture("vercel-ai-v5.json"), title: "Revenue chat" } });
    expect(res.status).toBe(201);
    expect(res.json.thread).toMatchObject({ title: "Revenue chat", origin: "vercel-ai" });
    expect(res.json.report).toMatchObject({ format: "vercel-ai", tool_calls: 2 });
  });

  it("marks failed calls from every format that records them", async () => {
    const v5 = JSON.parse(fixture("vercel-ai-v5.json"));
    v5.steps[1].content[1] = { type: "tool-error", toolCallId: "call_chart", toolName: "create_chart", input: {}, error: "chart service down" };
    const res = await call(runImport.POST, { key: ws.key, body: { transcript: v5 } });
    expect(res.json.run.tool_calls[1]).toMatchObject({ status: "failed", error: "chart service down" });
    const mcp = fixture("mcp-log.jsonl").replace('"structuredContent"', '"isError": true, "ignored"');
    const bad = await call(runImport.POST, { key: ws.key, body: { transcript: mcp } });
    expect(bad.json.run.tool_calls[1]).toMatchObject({ status: "failed", error: "chart created" });
  });
});

describe("bad files", () => {
  freshWorkspace();
  const cases: [string, unknown, RegExp][] = [
    ["an undetectable shape", { hello: "world" }, /^format: could not recognise the file/],
    ["a bad JSONL line", fixture("mcp-log.jsonl").split("\n").map((l, i) => (i === 3 ? "{oops" : l)).join("\n"), /^transcript line 4: is not valid JSON/],
    ["a result for no call", '{"role":"user","content":"hi"}\n{"type":"function_call_output","call_id":"ghost","output":"x"}', /^transcript line 2\.call_id: no tool call "ghost" before this result/],
    ["bad Vercel arguments", { steps: [{ content: [{ type: "tool-call", toolCallId: "a", toolName: "x", input: "{nope" }] }] }, /^transcript\.steps\[0\]\.content\[0\]\.input: is not valid JSON/],
    ["a tool run without a name", { run_type: "chain", child_runs: [{ run_type: "tool", id: "t1" }] }, /^transcript\.child_runs\[0\]\.name: a tool run names its tool/],
    ["a span without data", { data: [{ object: "trace.span", id: "s" }] }, /^transcript\.data\[0\]\.span_data/],
    ["a non-JSON-RPC record in an MCP log", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x"}}\n{"jsonrpc":"1.0","id":1}', /^transcript line 2\.jsonrpc/],
    ["a bad OTLP trace id", { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "xyz", spanId: "eee19b7ec3c1b174" }] }] }] }, /traceId: expected 16 bytes/],
  ];
  it.each(cases)("names the place for %s, with a 422 and nothing stored", async (_name, transcript, message) => {
    const db = await getDb();
    const before = await db.agentRun.count({ where: { workspaceId: ws.workspaceId } });
    const res = await call(runImport.POST, { key: ws.key, body: { transcript } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(message);
    expect(await db.agentRun.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });
});
