import { isPlainObject } from "../json";
import { MAX_SOURCE_TOOL_CALLS, tooManyToolCalls } from "../sources/limits";
import type { TMessageInput, TToolCallInput } from "../sources/schemas";
import { Skips } from "./skips";
import { importError, type ImportResult, type Item } from "./types";

// Anthropic Messages arrays: `tool_use` blocks in assistant turns, `tool_result` blocks (with
// `is_error`) in the user turn that follows.

const IGNORED_BLOCKS = new Set(["thinking", "redacted_thinking", "image", "document", "server_tool_use", "web_search_tool_result"]);

export function importAnthropicMessages(items: Item[], system?: string): ImportResult {
  const messages: TMessageInput[] = system ? [{ role: "system", content: system }] : [];
  const skips = new Skips();
  // Ids may repeat: each id's count of calls still waiting for a result.
  const open = new Map<string, number>();
  let callCount = 0;

  for (const { value, where } of items) {
    if (!isPlainObject(value)) throw importError(where, "expected a message object");
    const role = value.role;
    if (role !== "user" && role !== "assistant" && role !== "system")
      throw importError(`${where}.role`, `expected "user" or "assistant" (got ${JSON.stringify(role)})`);
    const content = value.content;
    if (typeof content === "string") {
      messages.push({ role, content });
      continue;
    }
    if (!Array.isArray(content)) throw importError(`${where}.content`, "expected a string or an array of content blocks");

    const kept: unknown[] = [];
    const toolCalls: TToolCallInput[] = [];
    const results: TMessageInput[] = [];
    content.forEach((block, j) => {
      const at = `${where}.content[${j}]`;
      if (!isPlainObject(block) || typeof block.type !== "string") throw importError(at, "expected a content block with a type");
      if (block.type === "tool_use") {
        if (role !== "assistant") throw importError(`${at}.type`, "tool_use blocks belong to assistant messages");
        if (typeof block.id !== "string" || !block.id) throw importError(`${at}.id`, "expected a non-empty string");
        if (typeof block.name !== "string" || !block.name) throw importError(`${at}.name`, "expected a non-empty string");
        if (block.input !== undefined && !isPlainObject(block.input)) throw importError(`${at}.input`, "expected an object");
        toolCalls.push({ id: block.id, tool: block.name, arguments: (block.input as Record<string, unknown>) ?? {} });
        open.set(block.id, (open.get(block.id) ?? 0) + 1);
        if (++callCount > MAX_SOURCE_TOOL_CALLS) throw tooManyToolCalls("body.transcript");
        kept.push(block);
      } else if (block.type === "tool_result") {
        if (typeof block.tool_use_id !== "string") throw importError(`${at}.tool_use_id`, "expected the id of the tool_use this answers");
        const waiting = open.get(block.tool_use_id);
        if (waiting === undefined) throw importError(`${at}.tool_use_id`, `no tool_use "${block.tool_use_id}" before this block`);
        if (waiting === 0) throw importError(`${at}.tool_use_id`, `every tool_use "${block.tool_use_id}" before this block has its result already`);
        open.set(block.tool_use_id, waiting - 1);
        results.push({ role: "tool", content: normaliseResultContent(block.content), tool_call_id: block.tool_use_id, is_error: block.is_error === true });
      } else {
        if (IGNORED_BLOCKS.has(block.type)) skips.add(at, `${block.type} block kept in content but not used`);
        kept.push(block);
      }
    });
    for (const r of results) messages.push(r);
    if (kept.length || !results.length) messages.push({ role, content: kept, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
  }
  return { messages, skipped: skips.list() };
}

function normaliseResultContent(content: unknown): string | unknown[] {
  if (typeof content === "string" || Array.isArray(content)) return content;
  return content === undefined || content === null ? "" : JSON.stringify(content);
}
