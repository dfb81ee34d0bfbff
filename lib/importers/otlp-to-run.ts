import { isPlainObject, parseJsonWithin } from "../json";
import { Timeline } from "./timeline";
import type { ImportResult } from "./types";
import { looseArguments, partsText, resultValue, str } from "./values";
import type { Span } from "./otlp-decode";

// One trace's spans, read as an agent run. The GenAI semantic conventions name tool spans
// `execute_tool` and chat spans `chat`; the Vercel AI SDK writes its own `ai.*` attributes, which
// are read the same way so that its telemetry works unmodified.

const attr = (s: Span, ...keys: string[]) => {
  for (const k of keys) if (s.attributes[k] !== undefined && s.attributes[k] !== null) return s.attributes[k];
  return undefined;
};
const operation = (s: Span) => str(attr(s, "gen_ai.operation.name")) ?? str(attr(s, "ai.operationId")) ?? "";

const isToolSpan = (s: Span) => operation(s) === "execute_tool" || operation(s) === "ai.toolCall" || s.name.startsWith("execute_tool ");
const isChatSpan = (s: Span) => ["chat", "text_completion", "generate_content", "ai.generateText.doGenerate", "ai.streamText.doStream"].includes(operation(s));

export const nsToIso = (ns: string) => (ns === "0" ? undefined : new Date(Number(BigInt(ns) / 1_000_000n)).toISOString());
const cmp = (x: string, y: string) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0);
// The JS SDK stamps starts to the millisecond, so calls begun in the same millisecond tie; they are
// then taken in arrival order, which is the order they ended (exporters send spans as they end).
const byStart = (a: Span, b: Span) => cmp(a.startNs, b.startNs) || (a.arrival ?? 0) - (b.arrival ?? 0);

/** The root span: the one without a parent. A trace is complete once it has arrived. */
export const rootSpan = (spans: Span[]) => spans.find((s) => s.parentSpanId === null);

/** `field` is what an error about the whole trace names. */
export function traceToRun(spans: Span[], field = "body.transcript"): ImportResult & { complete: boolean } {
  const sorted = [...spans].sort(byStart);
  const root = rootSpan(sorted);
  const t = new Timeline(field);
  const chats = sorted.filter(isChatSpan);

  readPrompt(t, chats[0] ?? root);
  for (const span of sorted) {
    if (!isToolSpan(span)) continue;
    const id = str(attr(span, "gen_ai.tool.call.id", "ai.toolCall.id")) ?? span.spanId;
    const tool = str(attr(span, "gen_ai.tool.name", "ai.toolCall.name")) ?? span.name.replace(/^execute_tool\s+/, "");
    const where = `span ${span.spanId}`;
    if (t.has(id)) {
      t.skips.add(where, "a second span for the same tool call id");
      continue;
    }
    t.call({ id, tool, arguments: looseArguments(attr(span, "gen_ai.tool.call.arguments", "ai.toolCall.args"), `${where}.gen_ai.tool.call.arguments`), started_at: nsToIso(span.startNs) }, where);
    const ended_at = nsToIso(span.endNs);
    if (span.status.code === 2) t.settle(id, { error: span.status.message ?? exceptionMessage(span) ?? "Tool span ended with an error", ended_at }, where);
    else t.settle(id, { result: resultValue(attr(span, "gen_ai.tool.call.result", "ai.toolCall.result") ?? null), ended_at }, where);
  }
  const answer = finalText(chats.at(-1), root);
  if (answer) t.say("assistant", answer);

  const agentSpan = sorted.find((s) => operation(s) === "invoke_agent");
  return {
    ...t.result({
      agent:
        str(attr(agentSpan ?? ({ attributes: {} } as Span), "gen_ai.agent.name")) ??
        str(root && attr(root, "ai.telemetry.functionId", "resource.name")) ??
        str(sorted[0]?.resource["service.name"]) ??
        root?.name,
      started_at: root ? nsToIso(root.startNs) : undefined,
      ended_at: root ? nsToIso(root.endNs) : undefined,
      failed: root?.status.code === 2,
      ...(answer ? { output: answer } : {}),
    }),
    complete: root !== undefined,
  };
}

function exceptionMessage(span: Span) {
  return str(span.events.find((e) => e.name === "exception")?.attributes["exception.message"]);
}

/** JSON text attributes (message lists) parsed, or null when absent or unreadable. */
function jsonAttr(span: Span | undefined, ...keys: string[]): unknown {
  const raw = span && attr(span, ...keys);
  if (typeof raw !== "string") return raw ?? null;
  return parseJsonWithin(raw) ?? null;
}

/** System and user messages of the first model call: what the agent was asked. */
function readPrompt(t: Timeline, span: Span | undefined) {
  const system = str(span && attr(span, "gen_ai.system_instructions"));
  if (system) t.say("system", system);
  let messages = jsonAttr(span, "gen_ai.input.messages", "ai.prompt.messages");
  const prompt = jsonAttr(span, "ai.prompt");
  if (!Array.isArray(messages) && isPlainObject(prompt)) {
    if (typeof prompt.system === "string") t.say("system", prompt.system);
    messages = Array.isArray(prompt.messages) ? prompt.messages : typeof prompt.prompt === "string" ? [{ role: "user", content: prompt.prompt }] : null;
  }
  if (!Array.isArray(messages)) return;
  for (const m of messages) {
    if (!isPlainObject(m) || (m.role !== "user" && m.role !== "system")) continue;
    t.say(m.role, partsText(m.parts ?? m.content));
  }
}

function finalText(chat: Span | undefined, root: Span | undefined): string | undefined {
  const output = jsonAttr(chat, "gen_ai.output.messages");
  if (Array.isArray(output)) {
    const last = output.filter((m) => isPlainObject(m) && m.role === "assistant").at(-1) as Record<string, unknown> | undefined;
    const text = last && partsText(last.parts ?? last.content);
    if (text) return text;
  }
  return str(root && attr(root, "ai.response.text")) ?? str(chat && attr(chat, "ai.response.text"));
}
