import { isPlainObject } from "../json";
import { jsonRpcOf } from "./mcp-log";
import type { Doc } from "./types";

// Recognises a file's format from its shape, looking at the first records only so that detection
// costs nothing next to the import. Every rule keys on a field that format alone writes.

export type Detected =
  | "openai-chat"
  | "anthropic-messages"
  | "openai-responses"
  | "vercel-ai"
  | "langsmith"
  | "openai-agents"
  | "jsonl-session"
  | "mcp"
  | "otlp";

const SAMPLE = 50;
const RESPONSE_TYPES = new Set(["function_call", "function_call_output", "reasoning", "mcp_call", "custom_tool_call", "web_search_call", "file_search_call"]);

export function detectFormat(doc: Doc): Detected | null {
  if (doc.kind === "json" && isPlainObject(doc.value)) {
    const v = doc.value;
    if (Array.isArray(v.resourceSpans) || Array.isArray(v.resource_spans)) return "otlp";
    if (Array.isArray(v.steps)) return "vercel-ai";
    if (typeof v.run_type === "string") return "langsmith";
    if (v.object === "response" || (Array.isArray(v.input) && !Array.isArray(v.messages)) || (Array.isArray(v.output) && !Array.isArray(v.messages))) return "openai-responses";
    for (const key of ["data", "runs", "messages", "items", "spans", "log", "entries"])
      if (Array.isArray(v[key])) return fromRecords(v[key] as unknown[]);
    return fromRecords([v]);
  }
  const list = doc.kind === "lines" ? doc.items.map((i) => i.value) : Array.isArray(doc.value) ? doc.value : null;
  if (!list) return null;
  if (doc.kind === "lines" && list.length === 1 && isPlainObject(list[0])) return detectFormat({ kind: "json", value: list[0] });
  return fromRecords(list);
}

function fromRecords(list: unknown[]): Detected | null {
  const sample = list.slice(0, SAMPLE).filter(isPlainObject);
  if (!sample.length) return null;
  const any = (test: (r: Record<string, unknown>) => boolean) => sample.some(test);
  if (any((r) => jsonRpcOf(r)?.rpc.jsonrpc === "2.0")) return "mcp";
  if (any((r) => r.object === "trace" || r.object === "trace.span" || isPlainObject(r.span_data))) return "openai-agents";
  if (any((r) => typeof r.run_type === "string")) return "langsmith";
  if (any((r) => Array.isArray(r.toolCalls) || Array.isArray(r.toolResults) || (typeof r.finishReason === "string" && Array.isArray(r.content)))) return "vercel-ai";
  if (any((r) => typeof r.type === "string" && RESPONSE_TYPES.has(r.type))) return "openai-responses";
  if (any((r) => isPlainObject(r.message) && typeof (r.message as Record<string, unknown>).role === "string")) return "jsonl-session";
  if (any((r) => typeof r.role === "string")) {
    if (any((r) => Array.isArray(r.content) && r.content.some((b) => isPlainObject(b) && (b.type === "tool_use" || b.type === "tool_result")))) return "anthropic-messages";
    if (any((r) => Array.isArray(r.content) && r.content.some((b) => isPlainObject(b) && (b.type === "input_text" || b.type === "output_text")))) return "openai-responses";
    return "openai-chat";
  }
  return null;
}
