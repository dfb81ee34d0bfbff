import { isPlainObject } from "../json";
import { MAX_SOURCE_TOOL_CALLS, tooManyToolCalls } from "../sources/limits";
import type { TMessageInput, TToolCallInput } from "../sources/schemas";
import { Skips } from "./skips";
import { importError, type ImportResult, type Item } from "./types";
import { parseArguments } from "./values";

// OpenAI Chat Completions message arrays: assistant `tool_calls` with JSON-string arguments and
// `role: "tool"` results; also the legacy `function_call` / `role: "function"` pair.

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

export function importOpenAiChat(items: Item[], system?: string): ImportResult {
  const messages: TMessageInput[] = system ? [{ role: "system", content: system }] : [];
  const skips = new Skips();
  // Ids repeat in real logs: each id's count of calls still waiting for a result.
  const open = new Map<string, number>();
  let callCount = 0;
  // Legacy function calls carry no id: a function result answers the newest open call of that name.
  const openLegacy = new Map<string, string[]>();
  let legacyCount = 0;

  for (const { value, where } of items) {
    if (!isPlainObject(value)) throw importError(where, "expected a message object");
    const role = value.role;
    if (typeof role !== "string" || !ROLES.has(role))
      throw importError(`${where}.role`, `expected one of system, developer, user, assistant, tool, function (got ${JSON.stringify(role)})`);
    const content = readContent(value.content, `${where}.content`);

    if (role === "assistant") {
      const toolCalls: TToolCallInput[] = [];
      if (value.tool_calls !== undefined && value.tool_calls !== null) {
        if (!Array.isArray(value.tool_calls)) throw importError(`${where}.tool_calls`, "expected an array");
        value.tool_calls.forEach((tc, j) => {
          const at = `${where}.tool_calls[${j}]`;
          if (!isPlainObject(tc) || !isPlainObject(tc.function)) throw importError(at, "expected {id, type: \"function\", function: {name, arguments}}");
          if (typeof tc.id !== "string" || !tc.id) throw importError(`${at}.id`, "expected a non-empty string");
          if (typeof tc.function.name !== "string" || !tc.function.name) throw importError(`${at}.function.name`, "expected a non-empty string");
          toolCalls.push({ id: tc.id, tool: tc.function.name, arguments: parseArguments(tc.function.arguments, `${at}.function.arguments`) });
          open.set(tc.id, (open.get(tc.id) ?? 0) + 1);
          if (++callCount + legacyCount > MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls("body.transcript");
        });
      }
      if (isPlainObject(value.function_call)) {
        const fc = value.function_call;
        if (typeof fc.name !== "string" || !fc.name) throw importError(`${where}.function_call.name`, "expected a non-empty string");
        const id = `function_call_${++legacyCount}`;
        toolCalls.push({ id, tool: fc.name, arguments: parseArguments(fc.arguments, `${where}.function_call.arguments`) });
        if (callCount + legacyCount > MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls("body.transcript");
        const pending = openLegacy.get(fc.name);
        if (pending) pending.push(id);
        else openLegacy.set(fc.name, [id]);
      }
      messages.push({ role: "assistant", content, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
    } else if (role === "tool") {
      if (typeof value.tool_call_id !== "string") throw importError(`${where}.tool_call_id`, "expected the id of the call this answers");
      const waiting = open.get(value.tool_call_id);
      if (waiting === undefined) throw importError(`${where}.tool_call_id`, `no assistant tool call "${value.tool_call_id}" before this message`);
      if (waiting === 0) throw importError(`${where}.tool_call_id`, `every assistant tool call "${value.tool_call_id}" before this message has its result already`);
      open.set(value.tool_call_id, waiting - 1);
      messages.push({ role: "tool", content, tool_call_id: value.tool_call_id });
    } else if (role === "function") {
      const name = value.name;
      const pending = typeof name === "string" ? openLegacy.get(name) : undefined;
      const id = pending?.pop();
      if (!id) throw importError(`${where}.name`, `no assistant function_call "${String(name)}" before this message`);
      messages.push({ role: "tool", content, tool_call_id: id });
    } else {
      messages.push({ role: role === "developer" ? "system" : (role as "system" | "user"), content });
    }
    if (value.refusal) skips.add(where, "refusal text is kept as content only");
  }
  return { messages, skipped: skips.list() };
}

function readContent(content: unknown, where: string): string | unknown[] {
  if (content === undefined || content === null) return "";
  if (typeof content === "string" || Array.isArray(content)) return content;
  throw importError(where, "expected a string or an array of content parts");
}
