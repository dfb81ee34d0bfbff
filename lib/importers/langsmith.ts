import { isPlainObject } from "../json";
import { Timeline } from "./timeline";
import { importError, type Doc, type ImportResult } from "./types";
import { isoTime, looseArguments, partsText, resultValue, str } from "./values";

// LangChain / LangSmith run trees: a root run with nested `child_runs`, or the flat list the
// LangSmith API returns, joined by `parent_run_id`. Runs with `run_type: "tool"` are the calls,
// in execution order (`dotted_order`, else `start_time`).

type Run = { run: Record<string, unknown>; where: string; order: number };

export function importLangSmith(doc: Doc): ImportResult {
  const runs = collectRuns(doc);
  if (!runs.length) throw importError("transcript", "expected a LangSmith run (with `run_type`) or a list of runs");
  const ids = new Set(runs.map((r) => r.run.id));
  const root = runs.find((r) => !r.run.parent_run_id || !ids.has(r.run.parent_run_id)) ?? runs[0]!;

  const t = new Timeline();
  readRootInputs(t, root.run.inputs);
  const sorted = [...runs].sort(byExecutionOrder);
  for (const { run, where } of sorted) {
    if (run.run_type !== "tool") continue;
    const id = str(run.id) ?? `${where}`;
    const name = str(run.name);
    if (!name) throw importError(`${where}.name`, "a tool run names its tool");
    t.call({ id, tool: name, arguments: toolArguments(run.inputs, where), started_at: isoTime(run.start_time) }, where);
    const { value, error } = toolOutput(run);
    if (error !== undefined) t.settle(id, { error, ended_at: isoTime(run.end_time) }, where);
    else if (run.outputs !== undefined && run.outputs !== null) t.settle(id, { result: value, ended_at: isoTime(run.end_time) }, where);
  }
  const answer = finalAnswer(root.run.outputs);
  if (answer) t.say("assistant", answer);
  const skippedTypes = runs.filter((r) => r.run.run_type !== "tool" && r !== root);
  for (const r of skippedTypes) t.skips.add(r.where, `${String(r.run.run_type)} runs are not tool calls`);

  return t.result({
    agent: str(root.run.name),
    input: root.run.inputs ?? undefined,
    output: root.run.outputs ?? undefined,
    started_at: isoTime(root.run.start_time),
    ended_at: isoTime(root.run.end_time),
    failed: typeof root.run.error === "string" && root.run.error !== "",
  });
}

function collectRuns(doc: Doc): Run[] {
  const out: Run[] = [];
  const visit = (run: unknown, where: string) => {
    if (!isPlainObject(run)) throw importError(where, "expected a run object");
    if (typeof run.run_type !== "string") throw importError(`${where}.run_type`, "expected the run's type (chain, llm, tool, …)");
    out.push({ run, where, order: out.length });
    const children = Array.isArray(run.child_runs) ? run.child_runs : Array.isArray(run.children) ? run.children : [];
    const key = Array.isArray(run.child_runs) ? "child_runs" : "children";
    children.forEach((c, i) => visit(c, `${where}.${key}[${i}]`));
  };
  if (doc.kind === "lines") doc.items.forEach((item) => visit(item.value, item.where));
  else if (Array.isArray(doc.value)) doc.value.forEach((r, i) => visit(r, `transcript[${i}]`));
  else if (isPlainObject(doc.value) && Array.isArray(doc.value.runs)) doc.value.runs.forEach((r, i) => visit(r, `transcript.runs[${i}]`));
  else visit(doc.value, "transcript");
  return out;
}

function byExecutionOrder(a: Run, b: Run) {
  const da = str(a.run.dotted_order);
  const db = str(b.run.dotted_order);
  if (da && db) return da < db ? -1 : da > db ? 1 : 0;
  const ta = Date.parse(isoTime(a.run.start_time) ?? "");
  const tb = Date.parse(isoTime(b.run.start_time) ?? "");
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  return a.order - b.order;
}

/** Newer LangChain records the call's arguments as the inputs; older records `{input: "<text>"}`. */
function toolArguments(inputs: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(inputs)) return looseArguments(inputs, `${where}.inputs`);
  const keys = Object.keys(inputs);
  if (keys.length === 1 && keys[0] === "input") return looseArguments(inputs.input, `${where}.inputs.input`);
  return inputs;
}

/** The output of a tool run: plain, `{output: …}`, or a serialised ToolMessage. */
function toolOutput(run: Record<string, unknown>): { value?: unknown; error?: string } {
  if (typeof run.error === "string" && run.error) return { error: run.error };
  const outputs = run.outputs;
  const out = isPlainObject(outputs) && "output" in outputs ? outputs.output : outputs;
  const message = toolMessage(out);
  if (message) return message.status === "error" ? { error: partsText(message.content) } : { value: resultValue(partsText(message.content) || message.content) };
  return { value: resultValue(out) };
}

function toolMessage(v: unknown): { content: unknown; status?: unknown } | null {
  if (!isPlainObject(v)) return null;
  if (v.lc === 1 && Array.isArray(v.id) && v.id.at(-1) === "ToolMessage" && isPlainObject(v.kwargs)) return { content: v.kwargs.content, status: v.kwargs.status };
  if (v.type === "tool" && "content" in v) return { content: v.content, status: v.status };
  return null;
}

/** LangChain message: `{role|type, content}` or the serialised `{lc, id: [..., "HumanMessage"], kwargs}`. */
function messageRole(m: Record<string, unknown>): { role?: string; content: unknown } {
  if (m.lc === 1 && Array.isArray(m.id) && isPlainObject(m.kwargs)) {
    const cls = String(m.id.at(-1));
    return { role: cls === "HumanMessage" ? "user" : cls === "SystemMessage" ? "system" : cls === "AIMessage" ? "assistant" : undefined, content: m.kwargs.content };
  }
  const role = str(m.role) ?? str(m.type);
  return { role: role === "human" ? "user" : role === "ai" ? "assistant" : role, content: m.content };
}

function readRootInputs(t: Timeline, inputs: unknown) {
  if (!isPlainObject(inputs)) return;
  const list = Array.isArray(inputs.messages) ? (Array.isArray(inputs.messages[0]) ? inputs.messages[0] : inputs.messages) : null;
  if (list) {
    for (const m of list) {
      if (!isPlainObject(m)) continue;
      const { role, content } = messageRole(m);
      if (role === "user" || role === "system") t.say(role, partsText(content));
    }
    return;
  }
  const text = str(inputs.input) ?? str(inputs.question) ?? str(inputs.query);
  if (text) t.say("user", text);
}

function finalAnswer(outputs: unknown): string | undefined {
  if (!isPlainObject(outputs)) return str(outputs);
  if (typeof outputs.output === "string") return outputs.output;
  if (Array.isArray(outputs.messages)) {
    const last = outputs.messages.at(-1);
    if (isPlainObject(last)) {
      const { role, content } = messageRole(last);
      if (role === "assistant") return partsText(content) || undefined;
    }
  }
  return undefined;
}
