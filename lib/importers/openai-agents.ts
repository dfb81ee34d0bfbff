import { isPlainObject } from "../json";
import { records } from "./read-container";
import { Timeline } from "./timeline";
import { importError, type Doc, type ImportResult, type Item } from "./types";
import { isoTime, looseArguments, partsText, resultValue, str } from "./values";

// OpenAI Agents SDK traces, as its processors export them: `{object: "trace"}` records and
// `{object: "trace.span"}` records whose `span_data.type` says what happened. `function` spans are
// the tool calls; `generation` spans hold the model's input and output messages.

type Span = { span: Record<string, unknown>; data: Record<string, unknown>; where: string };

export function importOpenAiAgents(doc: Doc): ImportResult {
  const items = records(doc, ["data", "items", "spans"]);
  if (!items) throw importError("transcript", "expected a list of trace and span records (or `{data: [...]}`)");
  const trace = items.find((i) => isPlainObject(i.value) && i.value.object === "trace")?.value as Record<string, unknown> | undefined;
  const spans = readSpans(items);
  const traceId = str(trace?.id) ?? str(spans[0]?.span.trace_id);

  const t = new Timeline();
  const mine = spans.filter((s) => {
    if (!traceId || s.span.trace_id === undefined || s.span.trace_id === traceId) return true;
    t.skips.add(s.where, `belongs to another trace (${String(s.span.trace_id)}); import each trace on its own`);
    return false;
  });
  mine.sort((a, b) => (Date.parse(isoTime(a.span.started_at) ?? "") || 0) - (Date.parse(isoTime(b.span.started_at) ?? "") || 0));

  const generations = mine.filter((s) => s.data.type === "generation");
  readPrompt(t, generations[0]?.data.input);
  let agent: string | undefined;
  for (const { span, data, where } of mine) {
    if (data.type === "function") {
      const id = str(span.id) ?? where;
      const name = str(data.name);
      if (!name) throw importError(`${where}.span_data.name`, "a function span names its tool");
      t.call({ id, tool: name, arguments: looseArguments(data.input, `${where}.span_data.input`), started_at: isoTime(span.started_at) }, where);
      const error = isPlainObject(span.error) ? str(span.error.message) ?? "Tool reported an error" : undefined;
      if (error !== undefined) t.settle(id, { error, ended_at: isoTime(span.ended_at) }, where);
      else if (span.ended_at) t.settle(id, { result: resultValue(data.output ?? null), ended_at: isoTime(span.ended_at) }, where);
    } else if (data.type === "agent") agent ??= str(data.name);
    else if (data.type === "handoff") t.skips.add(where, "handoffs route between agents; the calls each agent made are imported");
    else if (data.type !== "generation" && data.type !== "response") t.skips.add(where, `${String(data.type)} spans are not tool calls`);
  }
  const answer = lastAssistantText(generations.at(-1)?.data.output);
  if (answer) t.say("assistant", answer);
  const times = mine.map((s) => s.span);
  return t.result({
    agent: str(trace?.workflow_name) ?? agent,
    started_at: isoTime(times[0]?.started_at),
    ended_at: isoTime(times.at(-1)?.ended_at),
    ...(answer ? { output: answer } : {}),
  });
}

function readSpans(items: Item[]): Span[] {
  const spans: Span[] = [];
  for (const { value, where } of items) {
    if (!isPlainObject(value)) throw importError(where, "expected a trace or span record");
    if (value.object === "trace") continue;
    if (!isPlainObject(value.span_data)) throw importError(`${where}.span_data`, "expected the span's data, with a `type`");
    spans.push({ span: value, data: value.span_data, where });
  }
  return spans;
}

function readPrompt(t: Timeline, input: unknown) {
  if (!Array.isArray(input)) return;
  for (const m of input)
    if (isPlainObject(m) && (m.role === "user" || m.role === "system" || m.role === "developer"))
      t.say(m.role === "user" ? "user" : "system", partsText(m.content));
}

function lastAssistantText(output: unknown): string | undefined {
  if (!Array.isArray(output)) return undefined;
  for (let i = output.length - 1; i >= 0; i--) {
    const m = output[i];
    if (isPlainObject(m) && m.role === "assistant") return partsText(m.content) || undefined;
  }
  return undefined;
}
