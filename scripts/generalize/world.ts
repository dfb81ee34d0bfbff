import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isPseudoTool } from "../../lib/actions/registry";
import type { Transcript, TranscriptToolCall } from "../../lib/crystallize/types";
import { canonicalJson } from "../../lib/json";

// Run 2's world: a tool endpoint (our HTTP tool provider's protocol, POST {tool, arguments,
// idempotency_key}) that answers each call with what run 2 recorded for the same tool and
// arguments, and 404 for a call run 2 never made. Every call it gets is kept.
//
// A result recorded as text holding JSON (an MCP server's text content, as some importers keep
// it) is answered as that JSON: that is what the tool's executor hands the engine (an MCP
// result's text is parsed, lib/engine/executors/tools.ts mcpResult; an HTTP tool answers JSON).
// Replaying the text itself as a JSON string would make every such step's output a string,
// which no real tool provider does.

export type ToolCall = { tool: string; args: Record<string, unknown> };

export const callKey = (c: ToolCall) => `${c.tool} ${canonicalJson(c.args)}`;

/** The calls a run made that an automation should make too: the ones that did their work, minus the model's scratch tools. */
export function effectiveCalls(t: Transcript): (ToolCall & { result: unknown })[] {
  return t.events
    .filter((e): e is TranscriptToolCall => e.kind === "tool_call" && e.status === "succeeded" && !isPseudoTool(e.toolName))
    .map((e) => ({ tool: e.toolName, args: e.arguments, result: e.result }));
}

/** What the engine receives for a recorded result: JSON text parsed, as mcpResult does; other values as they are. */
export function servedResult(result: unknown): unknown {
  if (typeof result !== "string") return result;
  try {
    return JSON.parse(result) as unknown;
  } catch {
    return result;
  }
}

export type World = { answers: Map<string, unknown>; received: ToolCall[]; unknown: number };

export function worldOf(t: Transcript): World {
  const answers = new Map<string, unknown>();
  for (const c of effectiveCalls(t)) if (!answers.has(callKey(c))) answers.set(callKey(c), servedResult(c.result));
  return { answers, received: [], unknown: 0 };
}

/** One server for the whole suite; `current` is the world of the run in progress (runs go one at a time). */
export async function startWorldServer() {
  const state: { current: World | null } = { current: null };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    let parsed: { tool?: unknown; arguments?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return reply(400, { error: "not JSON" });
    }
    const world = state.current;
    const call: ToolCall = { tool: String(parsed.tool), args: (parsed.arguments ?? {}) as Record<string, unknown> };
    if (!world) return reply(503, { error: "no run in progress" });
    world.received.push(call);
    const key = callKey(call);
    if (!world.answers.has(key)) {
      world.unknown++;
      return reply(404, { error: `run 2 made no ${call.tool} call with these arguments` });
    }
    reply(200, world.answers.get(key) ?? null);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tool`;
  return { url, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
