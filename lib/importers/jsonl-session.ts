import { isPlainObject } from "../json";
import type { TMessageInput } from "../sources/schemas";
import { importAnthropicMessages } from "./anthropic-messages";
import { importOpenAiChat } from "./openai-chat";
import { records } from "./read-container";
import { Skips } from "./skips";
import { importError, type Doc, type ImportResult, type Item } from "./types";
import { isoTime, str } from "./values";

// Agent session logs: one JSON record per line, each wrapping a message, as Claude Code writes them
// (`{type: "assistant", message: {role, content: [tool_use…]}, timestamp, uuid, …}`). The messages
// are read in the dialect their blocks use; each line's timestamp dates the calls it holds.

export function importJsonlSession(doc: Doc): ImportResult {
  const lines = records(doc, ["lines", "entries"]);
  if (!lines) throw importError("transcript", "expected JSON lines, each wrapping a message");
  const skips = new Skips();
  const items: Item[] = [];
  const times: CallTimes = new Map();
  let agent: string | undefined;

  for (const { value, where } of lines) {
    if (!isPlainObject(value)) throw importError(where, "expected a JSON object");
    const message = isPlainObject(value.message) ? value.message : typeof value.role === "string" ? value : null;
    if (!message) {
      skips.add(where, `${str(value.type) ?? "records"} without a message are session bookkeeping`);
      continue;
    }
    if (value.isSidechain === true) {
      skips.add(where, "sub-agent messages; the sub-agent's work is the parent's call");
      continue;
    }
    if (value.version && value.sessionId) agent ??= "claude-code";
    items.push({ value: message, where: message === value ? where : `${where}.message` });
    noteTimes(message, isoTime(value.timestamp), times);
  }

  const result = usesOpenAiShape(items) ? importOpenAiChat(items) : importAnthropicMessages(items);
  dateCalls(result.messages, times);
  const started = lines.map((l) => (isPlainObject(l.value) ? isoTime(l.value.timestamp) : undefined)).filter(Boolean);
  return { ...result, skipped: [...skips.list(), ...result.skipped], agent, started_at: started[0], ended_at: started.at(-1) };
}

function usesOpenAiShape(items: Item[]) {
  return items.some((i) => isPlainObject(i.value) && (Array.isArray(i.value.tool_calls) || i.value.role === "tool"));
}

/** Per call id, the times of each call with that id in the order they were made (ids may repeat). */
type CallTimes = Map<string, { started?: string; ended?: string; answered?: boolean }[]>;

// Every tool_use is noted, dated or not, so the n-th call of an id gets the n-th call's times; a
// result dates the latest call of its id still without an end, as the importer pairs them.
function noteTimes(message: Record<string, unknown>, at: string | undefined, times: CallTimes) {
  if (!Array.isArray(message.content)) return;
  for (const block of message.content) {
    if (!isPlainObject(block)) continue;
    if (block.type === "tool_use" && typeof block.id === "string") {
      const same = times.get(block.id);
      if (same) same.push({ started: at });
      else times.set(block.id, [{ started: at }]);
    }
    if (block.type === "tool_result" && typeof block.tool_use_id === "string") {
      const open = times.get(block.tool_use_id)?.findLast((t) => !t.answered);
      if (open) Object.assign(open, { answered: true, ended: at });
    }
  }
}

function dateCalls(messages: TMessageInput[], times: CallTimes) {
  const seen = new Map<string, number>();
  for (const m of messages)
    for (const call of m.tool_calls ?? []) {
      const n = seen.get(call.id) ?? 0;
      seen.set(call.id, n + 1);
      const t = times.get(call.id)?.[n];
      if (t?.started) call.started_at = t.started;
      if (t?.ended) call.ended_at = t.ended;
    }
}
