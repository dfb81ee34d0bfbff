import { isDeepStrictEqual } from "node:util";
import type { TMessageInput } from "../../lib/sources/schemas";
import { toolMessageResult } from "../../lib/sources/build-rows";

/** One tool call of a vendor file, numbered in call order across the file (failed calls included). */
export type ListedCall = {
  ordinal: number;
  callId: string;
  tool: string;
  arguments: Record<string, unknown>;
  /** The result as stored: JSON text read as JSON, anything else kept as text. Undefined when unanswered. */
  result: unknown;
  isError: boolean;
};

/**
 * The calls of imported messages with their results. A result answers the latest call with its id
 * that has no result yet, so a file that reuses ids ("call_0" on every turn) still pairs up. Pure;
 * unlike building rows, it never refuses a reused id.
 */
export function listCalls(messages: TMessageInput[]): ListedCall[] {
  const calls: ListedCall[] = [];
  const open = new Map<string, ListedCall[]>();
  for (const m of messages) {
    for (const c of m.tool_calls ?? []) {
      const call: ListedCall = { ordinal: calls.length, callId: c.id, tool: c.tool, arguments: c.arguments, result: c.result, isError: c.status === "failed" };
      calls.push(call);
      if (c.result === undefined) open.set(c.id, [...(open.get(c.id) ?? []), call]);
    }
    if (m.role === "tool" && m.tool_call_id) {
      const waiting = open.get(m.tool_call_id);
      const call = waiting?.pop();
      if (!call) continue;
      call.result = toolMessageResult(m.content);
      call.isError = m.is_error === true;
    }
  }
  return calls;
}

/** The value at a JSON Pointer (RFC 6901), or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === "") return value;
  let here: unknown = value;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(here)) here = /^\d+$/.test(key) ? here[Number(key)] : undefined;
    else if (here !== null && typeof here === "object") here = Object.hasOwn(here, key) ? (here as Record<string, unknown>)[key] : undefined;
    else return undefined;
    if (here === undefined) return undefined;
  }
  return here;
}

/** How a value sits in a result, from the most to the least structured. */
export type Placement = "json" | "json-text" | "whole-text" | "text-line" | "text-token";

/**
 * Where `value` appears in `result`: as a JSON value (or subtree), inside JSON text held in a
 * string of the result (an MCP content block, a JSON-encoded string), as the whole text, as one
 * line of text, or as one whitespace-separated token of a line. Null when it does not appear.
 */
export function placeValue(value: unknown, result: unknown): Placement | null {
  const found: Placement[] = [];
  const walk = (node: unknown, inText: boolean) => {
    if (isDeepStrictEqual(node, value)) found.push(inText ? "json-text" : "json");
    if (typeof node === "string") {
      const t = node.trim();
      if (t.startsWith("{") || t.startsWith("[")) {
        const parsed = tryJson(t);
        if (parsed !== undefined) return walk(parsed, true);
      }
      if (typeof value !== "string" && typeof value !== "number") return;
      const want = String(value);
      if (t === want) found.push("whole-text");
      for (const line of node.split(/\r?\n/)) {
        if (line.trim() === want) found.push("text-line");
        else if (line.trim().split(/\s+/).includes(want)) found.push("text-token");
      }
    } else if (Array.isArray(node)) node.forEach((v) => walk(v, inText));
    else if (node !== null && typeof node === "object") Object.values(node).forEach((v) => walk(v, inText));
  };
  walk(result, false);
  const order: Placement[] = ["json", "json-text", "whole-text", "text-line", "text-token"];
  return order.find((p) => found.includes(p)) ?? null;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
