import { isPlainObject } from "../json";
import { Timeline } from "./timeline";
import { importError, type Doc, type ImportResult } from "./types";
import { needString, parseArguments, partsText, str } from "./values";

// Vercel AI SDK `generateText` / `streamText` results: a list of `steps`. From v5 each step has
// `content` parts (`tool-call` with `input`, `tool-result` with `output`, `tool-error`); v4 steps
// have `toolCalls` (with `args`) and `toolResults` (with `result`) beside the step's `text`.

export function importVercelAi(doc: Doc): ImportResult {
  const value = doc.kind === "json" ? doc.value : doc.items.map((i) => i.value);
  const root = isPlainObject(value) ? value : {};
  const steps = Array.isArray(value) ? value : root.steps;
  if (!Array.isArray(steps)) throw importError("transcript.steps", "expected the `steps` list of an AI SDK result");
  const base = Array.isArray(value) ? "transcript" : "transcript.steps";

  const t = new Timeline();
  if (typeof root.system === "string") t.say("system", root.system);
  if (typeof root.prompt === "string") t.say("user", root.prompt);

  steps.forEach((step, i) => {
    const where = `${base}[${i}]`;
    if (!isPlainObject(step)) throw importError(where, "expected a step object");
    if (Array.isArray(step.content)) readParts(t, step.content, `${where}.content`);
    else {
      if (step.toolCalls !== undefined && !Array.isArray(step.toolCalls)) throw importError(`${where}.toolCalls`, "expected an array");
      if (step.toolResults !== undefined && !Array.isArray(step.toolResults)) throw importError(`${where}.toolResults`, "expected an array");
      if (!step.toolCalls && !step.toolResults && typeof step.text !== "string")
        throw importError(where, "expected `content` parts (AI SDK 5+) or `toolCalls` / `toolResults` (AI SDK 4)");
      t.say("assistant", str(step.text) ?? "");
      readParts(t, (step.toolCalls as unknown[] | undefined) ?? [], `${where}.toolCalls`, "tool-call");
      readParts(t, (step.toolResults as unknown[] | undefined) ?? [], `${where}.toolResults`, "tool-result");
    }
  });
  const text = str(root.text);
  if (text && t.messages.at(-1)?.content !== text) t.say("assistant", text);
  return t.result(text ? { output: text } : {});
}

function readParts(t: Timeline, parts: unknown[], base: string, impliedType?: string) {
  parts.forEach((part, j) => {
    const where = `${base}[${j}]`;
    if (!isPlainObject(part)) throw importError(where, "expected a content part object");
    const type = part.type ?? impliedType;
    switch (type) {
      case "text":
        t.say("assistant", partsText([part]));
        break;
      case "tool-call": {
        // v5+ calls it `input`, v4 `args`; both may be an object or JSON text.
        const raw = part.input !== undefined ? part.input : part.args;
        t.call({ id: needString(part, "toolCallId", where), tool: needString(part, "toolName", where), arguments: parseArguments(raw, `${where}.${part.input !== undefined ? "input" : "args"}`) }, where);
        break;
      }
      case "tool-result": {
        const id = needString(part, "toolCallId", where);
        const result = part.output !== undefined ? part.output : part.result;
        t.settle(id, { result }, `${where}.toolCallId`);
        break;
      }
      case "tool-error": {
        const id = needString(part, "toolCallId", where);
        const error = part.error;
        t.settle(id, { error: typeof error === "string" ? error : isPlainObject(error) && typeof error.message === "string" ? error.message : JSON.stringify(error) }, `${where}.toolCallId`);
        break;
      }
      default:
        t.skips.add(where, `${String(type)} parts are not tool calls`);
    }
  });
}
