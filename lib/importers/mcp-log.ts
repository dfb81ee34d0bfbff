import { isPlainObject } from "../json";
import { contentText } from "../sources/build-rows";
import { records } from "./read-container";
import { Timeline } from "./timeline";
import { importError, type Doc, type ImportResult } from "./types";
import { isoTime, parseArguments, resultValue } from "./values";

// MCP traffic logs: JSON-RPC messages, bare or wrapped by the logger (`{timestamp, direction,
// message}`). A `tools/call` request and the response with the same id make one call.

const WRAPPER_KEYS = ["message", "payload", "data", "body"];

/** The JSON-RPC message of a log record, bare or under a logger's wrapper key. */
export function jsonRpcOf(record: Record<string, unknown>): { rpc: Record<string, unknown>; key?: string } | null {
  if (record.jsonrpc !== undefined) return { rpc: record };
  const key = WRAPPER_KEYS.find((k) => isPlainObject(record[k]) && (record[k] as Record<string, unknown>).jsonrpc);
  return key ? { rpc: record[key] as Record<string, unknown>, key } : null;
}

export function importMcpLog(doc: Doc): ImportResult {
  const items = records(doc, ["messages", "entries", "log"]);
  if (!items) throw importError("transcript", "expected JSON-RPC messages, one per line or in an array");
  const t = new Timeline();
  // JSON-RPC ids are per connection and get reused; a response answers the newest open request.
  const open = new Map<string, string>();
  let seq = 0;

  for (const { value, where } of items) {
    if (!isPlainObject(value)) throw importError(where, "expected a JSON-RPC message");
    const { rpc, key } = jsonRpcOf(value) ?? { rpc: value };
    const at = key ? `${where}.${key}` : where;
    if (rpc.jsonrpc !== "2.0") throw importError(`${at}.jsonrpc`, `expected "2.0": each record is a JSON-RPC message`);
    const time = isoTime(value.timestamp ?? value.ts ?? value.time);
    const rpcId = rpc.id === undefined || rpc.id === null ? undefined : String(rpc.id);

    if (typeof rpc.method === "string") {
      if (rpc.method !== "tools/call" || rpcId === undefined) {
        t.skips.add(at, `${rpc.method} ${rpcId === undefined ? "notifications" : "requests"} are not tool calls`);
        continue;
      }
      const params = isPlainObject(rpc.params) ? rpc.params : null;
      if (!params || typeof params.name !== "string" || !params.name) throw importError(`${at}.params.name`, "a tools/call request names its tool");
      const id = `mcp_${++seq}_${rpcId}`;
      t.call({ id, tool: params.name, arguments: parseArguments(params.arguments, `${at}.params.arguments`), started_at: time }, at);
      open.set(rpcId, id);
      continue;
    }
    const callId = rpcId !== undefined ? open.get(rpcId) : undefined;
    if (!callId) {
      t.skips.add(at, "responses to requests other than tools/call");
      continue;
    }
    open.delete(rpcId!);
    if (isPlainObject(rpc.error)) t.settle(callId, { error: String(rpc.error.message ?? "JSON-RPC error"), ended_at: time }, at);
    else if (isPlainObject(rpc.result)) {
      const r = rpc.result;
      const text = contentText(r.content);
      if (r.isError === true) t.settle(callId, { error: text || "Tool reported an error", ended_at: time }, at);
      else t.settle(callId, { result: r.structuredContent !== undefined ? r.structuredContent : text ? resultValue(text) : (r.content ?? null), ended_at: time }, at);
    } else throw importError(at, "a JSON-RPC response has `result` or `error`");
  }
  return t.result({ agent: "mcp client" });
}
