import { isPlainObject } from "../crystallize/json";
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
  const callIds = new Set<string>();
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
          callIds.add(tc.id);
          if (callIds.size + legacyCount > MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls("body.transcript");
        });
      }
      if (isPlainObject(value.function_call)) {
        const fc = value.function_call;
        if (typeof fc.name !== "string" || !fc.name) throw importError(`${where}.function_call.name`, "expected a non-empty string");
        const id = `function_call_${++legacyCount}`;
        toolCalls.push({ id, tool: fc.name, arguments: parseArguments(fc.arguments, `${where}.function_call.arguments`) });
        if (callIds.size + legacyCount > MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls("body.transcript");
        const open = openLegacy.get(fc.name);
        if (open) open.push(id);
        else openLegacy.set(fc.name, [id]);
      }
      messages.push({ role: "assistant", content, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
    } else if (role === "tool") {
      if (typeof value.tool_call_id !== "string") throw importError(`${where}.tool_call_id`, "expected the id of the call this answers");
      if (!callIds.has(value.tool_call_id)) throw importError(`${where}.tool_call_id`, `no assistant tool call "${value.tool_call_id}" before this message`);
      messages.push({ role: "tool", content, tool_call_id: value.tool_call_id });
    } else if (role === "function") {
      const name = value.name;
      const open = typeof name === "string" ? openLegacy.get(name) : undefined;
      const id = open?.pop();
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
