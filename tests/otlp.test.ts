import { context, trace, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { generateText, stepCountIs, tool } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as otlp from "../app/api/v1/otlp/v1/traces/route";
import { getDb } from "../lib/db";
import { call, seedWorkspace } from "./helpers";
import { serveRoutes } from "./http-server";

// Unmodified third-party clients send traces to the real endpoint over HTTP: the OpenTelemetry
// JS exporters (JSON and protobuf) and a Vercel AI SDK agent with telemetry on.

const ROWS = [
  { region: "AMER", revenue: 3400 },
  { region: "EMEA", revenue: 1200 },
];
const SQL = "SELECT region, SUM(amount) AS revenue FROM orders GROUP BY region";

let ws: { workspaceId: string; key: string };
let server: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  ws = await seedWorkspace();
  server = await serveRoutes({ "/api/v1/otlp/v1/traces": otlp });
});
afterAll(async () => {
  await server?.close();
  context.disable();
});

function provider(exporter: JsonExporter | ProtoExporter) {
  return new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
}
const exporterOptions = () => ({ url: `${server.url}/api/v1/otlp/v1/traces`, headers: { authorization: `Bearer ${ws.key}` } });

/** An agent instrumented by hand with the GenAI semantic conventions. */
async function semconvAgent(tracer: Tracer): Promise<string> {
  return tracer.startActiveSpan("invoke_agent Analyst", { attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "Analyst" } }, async (root) => {
    const chat = tracer.startSpan("chat gpt-5", {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Revenue by region, charted" }] }]),
      },
    });
    chat.end();
    // Each call is stamped with its own time, as an instrumented agent's calls are (a model call
    // sits between them); calls stamped in the same millisecond have no order to recover.
    const t0 = Date.now();
    let n = 0;
    const toolSpan = (name: string, id: string, args: unknown, result: unknown, failed = false) => {
      const at = t0 + 10 * ++n;
      const span = tracer.startSpan(`execute_tool ${name}`, {
        startTime: at,
        attributes: {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": name,
          "gen_ai.tool.call.id": id,
          "gen_ai.tool.call.arguments": JSON.stringify(args),
          ...(failed ? {} : { "gen_ai.tool.call.result": JSON.stringify(result) }),
        },
      });
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: "warehouse timeout" });
      span.end(at + 5);
    };
    toolSpan("run_sql", "call_1", { sql: SQL }, null, true);
    toolSpan("run_sql", "call_2", { sql: SQL }, ROWS);
    toolSpan("create_chart", "call_3", { title: "Revenue", rows: ROWS }, { chart_id: "ch_1" });
    root.end(t0 + 100);
    return root.spanContext().traceId;
  });
}

async function runOf(traceId: string) {
  const db = await getDb();
  return db.agentRun.findUniqueOrThrow({ where: { workspaceId_traceId: { workspaceId: ws.workspaceId, traceId } }, include: { toolCalls: { orderBy: { position: "asc" } } } });
}

async function expectCrystallizes(runId: string) {
  const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: runId }, method: "POST", query: "include=definition" });
  expect(res.status).toBe(201);
  const steps = res.json.automation.definition.steps;
  expect(steps.map((s: { action_kind: string }) => s.action_kind)).toEqual(["run_sql", "create_chart"]);
  expect(steps[1].bindings).toEqual([{ input_path: "/rows", from_step: steps[0].key, output_path: "", recorded_value: ROWS }]);
}

describe("OTLP/HTTP trace ingestion", () => {
  it.each([
    ["JSON", () => new JsonExporter(exporterOptions())],
    ["protobuf", () => new ProtoExporter(exporterOptions())],
  ])("turns GenAI spans from the OpenTelemetry %s exporter into a run that crystallizes", async (_name, makeExporter) => {
    const p = provider(makeExporter());
    const traceId = await semconvAgent(p.getTracer("agent"));
    await p.forceFlush();
    await p.shutdown();

    const run = await runOf(traceId);
    expect(run).toMatchObject({ agentName: "Analyst", status: "succeeded", origin: "otlp", toolCallCount: 3 });
    expect(run.toolCalls.map((c) => [c.toolName, c.status])).toEqual([
      ["run_sql", "failed"],
      ["run_sql", "succeeded"],
      ["create_chart", "succeeded"],
    ]);
    expect(run.toolCalls[0]!.error).toBe("warehouse timeout");
    await expectCrystallizes(run.id);
  });

  it("records a Vercel AI SDK agent whose mock model chooses the tools", async () => {
    // Batched, as production setups export: the mock model answers at once, so the calls can share
    // a millisecond, and one batch keeps them in the order they ended.
    const p = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: new JsonExporter(exporterOptions()) })] });
    let step = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async ({ prompt }) => {
        step++;
        const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
        if (step === 1)
          return { content: [{ type: "tool-call", toolCallId: "call_sql", toolName: "run_sql", input: JSON.stringify({ sql: SQL }) }], finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage, warnings: [] };
        if (step === 2) {
          // The model reads the query's rows from the conversation and charts them.
          const toolMessage = prompt.find((m) => m.role === "tool");
          const part = toolMessage?.content[0];
          const rows = part && part.type === "tool-result" && part.output.type === "json" ? part.output.value : null;
          return { content: [{ type: "tool-call", toolCallId: "call_chart", toolName: "create_chart", input: JSON.stringify({ title: "Revenue", rows }) }], finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage, warnings: [] };
        }
        return { content: [{ type: "text", text: "Charted." }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
      },
    });
    const result = await generateText({
      model,
      prompt: "Revenue by region, charted",
      tools: {
        run_sql: tool({ inputSchema: z.object({ sql: z.string() }), execute: async () => ROWS }),
        create_chart: tool({ inputSchema: z.object({ title: z.string(), rows: z.array(z.unknown()) }), execute: async () => ({ chart_id: "ch_1" }) }),
      },
      stopWhen: stepCountIs(5),
      experimental_telemetry: { isEnabled: true, functionId: "revenue-agent", tracer: p.getTracer("ai") },
    });
    expect(result.text).toBe("Charted.");
    await p.forceFlush();
    await p.shutdown();

    const db = await getDb();
    const runs = await db.agentRun.findMany({ where: { workspaceId: ws.workspaceId, agentName: "revenue-agent" }, include: { toolCalls: { orderBy: { position: "asc" } }, messages: true } });
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.status).toBe("succeeded");
    expect(run.toolCalls.map((c) => [c.callId, c.toolName, c.status])).toEqual([
      ["call_sql", "run_sql", "succeeded"],
      ["call_chart", "create_chart", "succeeded"],
    ]);
    expect(run.messages.some((m) => m.role === "user" && m.text === "Revenue by region, charted")).toBe(true);
    await expectCrystallizes(run.id);
  });

  it("rebuilds a run as more spans of its trace arrive, and keeps other apps' traces out", async () => {
    const p = provider(new JsonExporter(exporterOptions()));
    const tracer = p.getTracer("mixed");
    const plain = tracer.startSpan("GET /health");
    plain.end();
    await p.forceFlush();
    const db = await getDb();
    expect(await db.traceSpan.count({ where: { workspaceId: ws.workspaceId, traceId: plain.spanContext().traceId } })).toBe(0);

    // Children arrive first: the run exists but is still running until its root ends.
    const root = tracer.startSpan("invoke_agent Partial", { attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "Partial" } });
    const ctx = trace.setSpan(context.active(), root);
    tracer.startSpan("execute_tool lookup", { attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup", "gen_ai.tool.call.arguments": "{\"id\":7}", "gen_ai.tool.call.result": "{\"ok\":true}" } }, ctx).end();
    await p.forceFlush();
    const traceId = root.spanContext().traceId;
    expect(await runOf(traceId)).toMatchObject({ status: "running", toolCallCount: 1 });
    const refused = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: (await runOf(traceId)).id }, method: "POST" });
    expect(refused.status).toBe(409);

    root.end();
    await p.forceFlush();
    await p.shutdown();
    expect(await runOf(traceId)).toMatchObject({ status: "succeeded", toolCallCount: 1, agentName: "Partial" });
  });

  it("refuses bad requests in the one error shape", async () => {
    const post = (body: string | Blob, headers: Record<string, string>) =>
      fetch(`${server.url}/api/v1/otlp/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${ws.key}`, ...headers }, body });
    const cases: [Promise<Response>, number, RegExp][] = [
      [post("{}", { "content-type": "text/plain" }), 415, /Content-Type must be application\/json or application\/x-protobuf/],
      [post("{not json", { "content-type": "application/json" }), 400, /Malformed JSON/],
      [post(new Blob([new Uint8Array([0x0a, 0xff, 0xff, 0xff])]), { "content-type": "application/x-protobuf" }), 400, /Malformed protobuf/],
      [post("{}", { "content-type": "application/json", "content-encoding": "br" }), 415, /Content-Encoding/],
      [post('{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"00","spanId":"00"}]}]}]}', { "content-type": "application/json" }), 422, /traceId/],
    ];
    for (const [pending, status, message] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
    const anonymous = await fetch(`${server.url}/api/v1/otlp/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(401);
  });
});
