import { getActionKind, isPseudoTool, isReadOnlyCall } from "../actions/registry";
import type { TBinding, TDefinition, TStep, TTemplate } from "../automations/schemas";
import { deriveMetadata } from "../automations/derive-metadata";
import { type Extract, lineTokens, textLines } from "../automations/extract";
import { findConfirmedCalls } from "./confirmations";
import { inferPicks } from "./infer-picks";
import { inferLoops } from "./infer-loops";
import { inferRelativeDates, unitsNamed } from "./infer-relative-dates";
import { outputPathExpression, valueTemplate } from "./infer-value-templates";
import { inBandFailure } from "./in-band-failure";
import { canonicalJson, isPlainObject, joinPointer, pointerSegment, readJsonText, sortedKeys } from "../json";
import { classifyLeaf, isBindableLeaf, leafText } from "./provenance";
import { isShortCode, saysCode } from "./short-code";
import { sortSmall } from "../sort-small";
import type {
  CrystallizeOptions,
  CrystallizeReport,
  CrystallizeResult,
  DroppedCall,
  InBandFailure,
  Transcript,
  TranscriptToolCall,
} from "./types";

/** The crystallizer refuses a transcript with nothing to turn into steps. */
export class NothingToCrystallizeError extends Error {}

type Producer = { stepIndex: number; seq: number; path: string; extract?: Extract };
/**
 * Which step produced each value. Objects and arrays are keyed by canonical text; strings and
 * numbers by the value itself, which a Map keeps apart by type as their JSON would ("1" is not 1)
 * without serialising each of a run's tens of thousands of leaves.
 */
type Producers = { containers: Map<string, Producer>; leaves: Map<string | number, Producer> };
/** `retried`: the framework ids of the failed attempts this call retried; `retriedIds`: ours. */
type KeptCall = { call: TranscriptToolCall; seq: number; retried: string[]; retriedIds: string[] };
type Param = { name: string; value: unknown; used_by: { step: string; input_path: string }[] };

/**
 * Turns a finished run or thread into an automation draft: pure, no I/O.
 * Rules: successful calls become steps (failed calls that were retried collapse into the retry),
 * data flow becomes bindings, order becomes the fewest dependencies that keep side effects in
 * order, values are classified by provenance, and approvals become gates.
 */
export function crystallize(transcript: Transcript, options: CrystallizeOptions = {}): CrystallizeResult {
  const ordering = options.ordering ?? "dataflow";
  const { kept, dropped, inBand, toolCallCount } = selectCalls(transcript, new Set(options.treat_as_succeeded ?? []));
  if (kept.length === 0) throw new NothingToCrystallizeError(describeNoSteps(toolCallCount, dropped));

  const userText = new UserText(transcript);
  const keys = stepKeys(kept.map((k) => k.call.toolName));
  const producers: Producers = { containers: new Map(), leaves: new Map() };
  const params = new Map<string, Param>();
  const paramByValue = new Map<string, Param>();
  const steps: TStep[] = [];
  // Each step's producers, by index; a step that reads one producer twice lists it twice.
  const dataDeps: number[][] = [];
  const pseudo = kept.map(({ call }) => isPseudoTool(call.toolName));
  // The later rules ask about steps, not calls: every step's tool is one of the calls'.
  const pseudoTools = new Set(kept.filter((_, i) => pseudo[i]).map(({ call }) => call.toolName));
  const isPseudoStep = (s: TStep) => pseudoTools.has(s.action_kind ?? "");
  // Whole subtrees of the arguments, by canonical text, read once up front: a result's subtree is
  // indexed only when some argument holds an equal one (most never do), and `visit` reads a
  // subtree's text here rather than serialising it again at every level. The arguments object
  // itself is never bound whole (the walk starts at its values), so its own text is never needed.
  const argumentCanon = new Map<object, string>();
  const shapes = new Set<string>();
  for (const { call } of kept)
    for (const value of Object.values(call.arguments)) if (typeof value === "object" && value !== null) canonOfContainers(value, argumentCanon, shapes);
  const wanted = new Set(argumentCanon.values());

  // The step being built. The helpers below are made once and read it, rather than made anew for
  // each of 10,000 calls: per-call closures were a measurable share of crystallizing a long run.
  let cur!: {
    key: string;
    seq: number;
    toolName: string;
    pseudo: boolean;
    bindings: TBinding[];
    provenance: Record<string, "user_supplied" | "tool_produced" | "model_authored" | "constant">;
    modelAuthored: string[];
    parameterRefs: { input_path: string; parameter: string }[];
    templates: TTemplate[];
    deps: number[];
    path: string;
  };
  const bind = (path: string, value: unknown, producer: Producer) => {
    cur.bindings.push({
      input_path: path,
      from_step: keys[producer.stepIndex]!,
      output_path: producer.path,
      ...(producer.extract ? { extract: producer.extract } : {}),
      recorded_value: value,
    });
    cur.provenance[path] = "tool_produced";
    cur.deps.push(producer.stepIndex);
  };
  // A value counts as tool-produced unless the user said it before the tool produced it.
  const unlessSaidFirst = (producer: Producer | undefined, text: string | null) => {
    if (!producer) return undefined;
    if (text !== null && userText.firstSeq(text) < producer.seq) return undefined;
    return producer;
  };
  // What a word inside a longer string (at cur.path) stands for: an earlier tool's output, else what the user said.
  const tokenSource = (token: string, hint?: { name?: string }): string | null => {
    const number = NUMBER.test(token) ? Number(token) : null;
    for (const candidate of number === null ? [token] : [number, token]) {
      if (!isBindableLeaf(candidate)) continue;
      const producer = unlessSaidFirst(producers.leaves.get(candidate), token);
      const at = producer && !producer.extract ? outputPathExpression(producer.path) : null;
      if (producer && at !== null) {
        cur.deps.push(producer.stepIndex);
        return `steps.${keys[producer.stepIndex]}.output${at}`;
      }
    }
    const said = isBindableLeaf(token) ? userText.firstSeq(token) : isShortCode(token) ? userText.firstCodeSeq(token) : Infinity;
    if (said >= cur.seq) return null;
    const name = takeParameter(params, paramByValue, EMAIL.test(token) ? "/email" : hint?.name ? `/${hint.name}` : `${cur.path}_value`, token, cur.key, cur.path);
    return `params.${name}`;
  };
  const visit = (path: string, value: unknown, isLeaf: boolean) => {
    if (!isLeaf) {
      const producer = unlessSaidFirst(producers.containers.get(argumentCanon.get(value as object) ?? canonicalJson(value)), null);
      if (!producer) return false;
      bind(path, value, producer);
      return true;
    }
    const text = leafText(value);
    if (isBindableLeaf(value)) {
      const producer = unlessSaidFirst(producers.leaves.get(value as string | number), text);
      if (producer) {
        bind(path, value, producer);
        return true;
      }
    }
    const kind = classifyLeaf(path, value, text !== null && userText.firstSeq(text) < cur.seq);
    cur.provenance[path] = kind;
    if (kind === "model_authored") cur.modelAuthored.push(path);
    if (kind === "user_supplied") cur.parameterRefs.push({ input_path: path, parameter: takeParameter(params, paramByValue, path, value, cur.key) });
    else if (typeof value === "string" && !cur.pseudo) {
      cur.path = path;
      const template = valueTemplate({ text: value, path, kind: cur.toolName, source: tokenSource });
      if (template) cur.templates.push({ input_path: path, template, recorded_value: value, inferred: "value" });
    }
    return true;
  };

  kept.forEach(({ call, seq, retried }, index) => {
    const key = keys[index]!;
    cur = { key, seq, toolName: call.toolName, pseudo: pseudo[index]!, bindings: [], provenance: {}, modelAuthored: [], parameterRefs: [], templates: [], deps: [], path: "" };
    walkArguments(call.arguments, visit);
    const { bindings, provenance, modelAuthored, parameterRefs, templates, deps } = cur;

    dataDeps.push(deps);
    steps.push({
      key,
      type: "action",
      name: call.toolName,
      action_kind: call.toolName,
      inputs: call.arguments,
      depends_on: [],
      bindings,
      parameter_refs: parameterRefs,
      ...(templates.length ? { templates } : {}),
      source: { tool_call_id: call.id, call_id: call.callId, message_id: call.messageId ?? null, ...(retried.length ? { retried_calls: retried } : {}) },
      provenance,
      // A pseudo-tool's inputs are the model thinking aloud: nothing runs on them.
      ...(pseudo[index] ? {} : flagNondeterminism(call.toolName, modelAuthored)),
    });
    // A pseudo-tool's result is the model's own scratch work, never data another step reads.
    if (!pseudo[index]) indexResult(call.result, index, seq, producers, wanted, shapes);
  });

  const readOnly = kept.map(({ call }) => isReadOnlyCall(call.toolName, call.arguments));
  const deps = ordering === "sequential" ? sequentialDeps(dataDeps) : dataflowDeps(dataDeps, readOnly, pseudo);
  steps.forEach((step, i) => (step.depends_on = ascendingUnique(deps[i]!).map((d) => keys[d]!)));

  // Dates count from the source's own time; a source that recorded none keeps its dates frozen.
  const runTime = transcript.startedAt ?? kept.find((k) => k.call.startedAt)?.call.startedAt ?? null;
  const timeZone = options.time_zone ?? "UTC";
  const dated = runTime ? inferRelativeDates({ steps, runTime, timeZone, skip: isPseudoStep, named: unitsNamed(userText.all()) }) : null;
  for (const r of dated?.replaced ?? []) {
    const p = params.get(r.parameter)!;
    p.used_by = p.used_by.filter((u) => !(u.step === r.step && u.input_path === r.input_path));
    if (p.used_by.length === 0) {
      params.delete(p.name);
      paramByValue.delete(canonicalJson(p.value));
    }
  }

  const confirmed = findConfirmedCalls(transcript);
  const withGates = insertApprovalGates(steps, kept, confirmed);
  // Loops last: their calls already carry their bindings, dates and gates, which must agree.
  const indexOfKey = new Map(keys.map((key, i) => [key, i]));
  // A text result is read as JSON once, and only when a rule asks for it.
  const parsed = new Map<number, unknown>();
  const resultOf = (key: string) => {
    const i = indexOfKey.get(key);
    if (i === undefined) return undefined;
    const result = kept[i]!.call.result;
    if (typeof result !== "string") return result;
    if (!parsed.has(i)) parsed.set(i, readJsonText(result));
    return parsed.get(i);
  };
  const seqOf = (key: string) => {
    const i = indexOfKey.get(key);
    return i === undefined ? Infinity : kept[i]!.seq;
  };
  const saidBefore = (step: string, words: string) => userText.namesWords(words, seqOf(step));
  const looped = inferLoops(withGates, resultOf, (s) => !isPseudoStep(s), saidBefore);
  // Picks after loops: a call a loop took reads its item, and a list the loop covers is no pick.
  const picks = inferPicks({ steps: looped.steps, resultOf, named: saidBefore });
  const stepOf = (key: string) => looped.renamed.get(key)?.loop ?? key;
  const finalSteps = looped.steps;
  const actions = finalSteps.filter((s) => s.type === "action");
  const definition: TDefinition = {
    steps: finalSteps,
    parameters: [...params.values()].map((p) => ({ name: p.name, type: paramType(p.value), default: p.value })),
    ...(options.time_zone ? { time_zone: options.time_zone } : {}),
    metadata: { nondeterministic_steps: [], unreviewed_steps: [] },
  };
  definition.metadata = deriveMetadata(definition.steps);

  const report: CrystallizeReport = {
    source: transcript.source,
    ordering,
    tool_calls: toolCallCount,
    action_steps: actions.length,
    approval_gates: finalSteps.length - actions.length,
    dropped,
    in_band_failures: inBand,
    bindings: actions.flatMap((s) =>
      s.bindings.map((b) => ({ step: s.key, input_path: b.input_path, from_step: b.from_step, output_path: b.output_path, ...(b.extract ? { extract: b.extract } : {}) })),
    ),
    parameters: [...params.values()].map((p) => ({ name: p.name, default: p.value, used_by: uniqueUses(p.used_by.map((u) => ({ ...u, step: stepOf(u.step) })), looped.found.length > 0) })),
    nondeterministic_steps: actions.filter((s) => s.nondeterministic).map((s) => ({ step: s.key, ...s.nondeterministic! })),
    relative_dates: dated ? uniqueUses(dated.found.map((d) => ({ ...d, step: stepOf(d.step) })), looped.found.length > 0) : null,
    loops: looped.found,
    candidate_loops: looped.candidates,
    picks,
  };
  return { definition, report };
}

// ---------------------------------------------------------------------------
// Rule 1: which calls become steps
// ---------------------------------------------------------------------------

/**
 * `treatAsSucceeded`: call ids (ours or the framework's) whose in-band failure verdict the user
 * overrode, because a rule misfired.
 */
function selectCalls(transcript: Transcript, treatAsSucceeded: Set<string>) {
  const calls: { call: TranscriptToolCall; seq: number }[] = [];
  const inBand: InBandFailure[] = [];
  transcript.events.forEach((e, seq) => {
    if (e.kind !== "tool_call") return;
    // A call that reported success but says in its result that it failed is a failed call.
    const why = e.status === "succeeded" ? inBandFailure(e.result) : null;
    if (!why) return calls.push({ call: e, seq });
    const overridden = treatAsSucceeded.has(e.id) || treatAsSucceeded.has(e.callId);
    inBand.push({ tool_call_id: e.id, call_id: e.callId, tool: e.toolName, reason: why, overridden });
    calls.push({ call: overridden ? e : { ...e, status: "failed", error: `its result says it failed: ${why}` }, seq });
  });
  const kept: KeptCall[] = [];
  const dropped: DroppedCall[] = [];
  const drop = (call: TranscriptToolCall, reason: string) =>
    dropped.push({ tool_call_id: call.id, call_id: call.callId, tool: call.toolName, reason });

  // A failed call waits here until a later call of the same tool shows whether it was retried. A
  // retry does the same kind of thing: a failed POST is not retried by a GET of the same tool.
  const failedByTool = new Map<string, TranscriptToolCall[]>();
  const retryKey = (call: TranscriptToolCall) => `${isReadOnlyCall(call.toolName, call.arguments) ? "read" : "write"}:${call.toolName}`;
  for (const { call, seq } of calls) {
    if (call.status === "succeeded") {
      // Most calls retry nothing: look the key up only while some failure waits.
      const key = failedByTool.size ? retryKey(call) : "";
      const failures = failedByTool.get(key) ?? [];
      failedByTool.delete(key);
      for (const f of failures) drop(f, `failed${f.error ? ` (${truncate(f.error, 120)})` : ""}; retried successfully by ${call.callId}`);
      kept.push({ call, seq, retried: failures.map((f) => f.callId), retriedIds: failures.map((f) => f.id) });
    } else if (call.status === "failed") {
      if (call.approval?.status === "rejected") drop(call, `rejected by ${call.approval.decidedBy ?? "the approver"}; never ran`);
      else failedByTool.set(retryKey(call), [...(failedByTool.get(retryKey(call)) ?? []), call]);
    } else {
      drop(call, "no result was recorded");
    }
  }
  for (const failures of failedByTool.values())
    for (const f of failures) drop(f, `failed${f.error ? ` (${truncate(f.error, 120)})` : ""} and was not retried successfully`);
  return { kept, dropped, inBand, toolCallCount: calls.length };
}

function describeNoSteps(count: number, dropped: DroppedCall[]) {
  if (count === 0) return "The source has no tool calls, so there is nothing to crystallize";
  return `None of the source's ${count} tool call(s) succeeded, so there is nothing to crystallize (first: ${dropped[0]!.tool} ${dropped[0]!.reason})`;
}

function stepKeys(toolNames: string[]): string[] {
  // Keys are numbered per base name, which tools whose names differ only in case or punctuation
  // share; a run's thousands of calls are of a few tools, so each name's base is worked out once.
  const counterOfBase = new Map<string, { base: string; n: number }>();
  const counterOfName = new Map<string, { base: string; n: number }>();
  return toolNames.map((name) => {
    let counter = counterOfName.get(name);
    if (!counter) {
      let base = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "step";
      if (!/^[a-z]/.test(base)) base = `step_${base}`;
      counter = counterOfBase.get(base) ?? { base, n: 0 };
      counterOfBase.set(base, counter);
      counterOfName.set(name, counter);
    }
    counter.n++;
    return `${counter.base}_${counter.n}`;
  });
}

// ---------------------------------------------------------------------------
// Rule 3: data flow
// ---------------------------------------------------------------------------

/**
 * Visits the arguments top-down. `visit` returns true when it has dealt with the node (a whole
 * subtree that matched an earlier result is one binding; its children are not visited).
 */
function walkArguments(args: Record<string, unknown>, visit: (path: string, value: unknown, isLeaf: boolean) => boolean) {
  const walk = (value: unknown, path: string) => {
    const isContainer = typeof value === "object" && value !== null;
    const isEmpty = isContainer && (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
    if (!isContainer || isEmpty) {
      visit(path, value, true);
      return;
    }
    if (visit(path, value, false)) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, joinPointer(path, i)));
    else for (const [k, v] of Object.entries(value)) walk(v, joinPointer(path, k));
  };
  for (const [k, v] of Object.entries(args)) walk(v, joinPointer("", k));
}

/**
 * Indexes every distinctive leaf of a result, and each subtree equal to one some argument holds,
 * bottom-up so each node is serialised once. Later producers overwrite earlier ones: a step binds
 * to the latest value it could have seen. Text inside the result is indexed too (indexText): its
 * lines, their words, and JSON it holds.
 */
function indexResult(result: unknown, stepIndex: number, seq: number, producers: Producers, wanted: ReadonlySet<string>, shapes: ReadonlySet<string>) {
  // Text results that hold JSON are read as the JSON they hold.
  indexTree(typeof result === "string" ? readJsonText(result) : result, { kind: "result", producers, wanted, shapes, stepIndex, seq, segments: [] });
}

/** Records the canonical text and the shape of every non-empty object and array in `value`; returns the text of `value`. */
function canonOfContainers(value: unknown, out: Map<object, string>, shapes: Set<string>): string {
  let canon: string;
  if (Array.isArray(value)) {
    canon = "[";
    for (let i = 0; i < value.length; i++) canon += (i ? "," : "") + canonOfContainers(value[i], out, shapes);
    canon += "]";
    if (value.length > 0) {
      out.set(value, canon);
      shapes.add(arrayShape(value));
    }
  } else if (isPlainObject(value)) {
    const keys = sortedKeys(value);
    canon = "{";
    for (let i = 0; i < keys.length; i++) canon += (i ? "," : "") + JSON.stringify(keys[i]) + ":" + canonOfContainers(value[keys[i]!], out, shapes);
    canon += "}";
    if (keys.length > 0) {
      out.set(value, canon);
      shapes.add(objectShape(keys));
    }
  } else canon = JSON.stringify(value) ?? "null";
  return canon;
}

/**
 * Where a walk's nodes go: a result's nodes become producers (and its text leaves are cut into
 * lines and words); JSON inside a text leaf becomes producers with a JSON extract, unless that
 * step indexed the value already. One plain object per walk, not closures: this walks every node
 * of every result.
 */
type TreeSink = {
  kind: "result" | "json";
  producers: Producers;
  /** The canonical texts of the arguments' objects and arrays: only those are worth indexing. */
  wanted: ReadonlySet<string>;
  /** Their shapes (arrayShape, objectShape): a container of another shape needs no text. */
  shapes: ReadonlySet<string>;
  stepIndex: number;
  seq: number;
  segments: string[];
  leaf?: string;
};

function emitNode<K>(sink: TreeSink, producers: Map<K, Producer>, key: K, path: string) {
  if (sink.kind === "result") producers.set(key, { stepIndex: sink.stepIndex, seq: sink.seq, path });
  else if (producers.get(key)?.stepIndex !== sink.stepIndex) producers.set(key, { stepIndex: sink.stepIndex, seq: sink.seq, path: sink.leaf!, extract: { json: path } });
}

const pathOf = (segments: string[]) => (segments.length ? "/" + segments.join("/") : "");

/**
 * Emits the pointer of every distinctive node of `value` (see Producers for the keys); in a result,
 * each string leaf is cut into parts before its own entry, so the whole leaf wins over its parts.
 * Returns the node's canonical text when `needText`.
 */
function indexTree(value: unknown, sink: TreeSink, needText = false): string {
  // Plain loops and string concatenation, and a path built only for a node that is indexed (most
  // leaves are not distinctive enough): per-node closures, arrays and path strings were most of
  // the crystallizer's garbage. A container's text is built only when it, or one around it, has
  // the shape of some argument's container (`needText`): no other can be bound whole.
  const segments = sink.segments;
  let canon = "";
  if (Array.isArray(value)) {
    const need = needText || sink.shapes.has(arrayShape(value));
    if (need) canon = "[";
    for (let i = 0; i < value.length; i++) {
      segments.push(String(i));
      const child = indexTree(value[i], sink, need);
      if (need) canon += (i ? "," : "") + child;
      segments.pop();
    }
    if (need) {
      canon += "]";
      if (value.length > 0 && sink.wanted.has(canon)) emitNode(sink, sink.producers.containers, canon, pathOf(segments));
    }
  } else if (isPlainObject(value)) {
    const keys = sortedKeys(value);
    const need = needText || sink.shapes.has(objectShape(keys));
    if (need) canon = "{";
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      segments.push(pointerSegment(k));
      const child = indexTree(value[k], sink, need);
      if (need) canon += (i ? "," : "") + JSON.stringify(k) + ":" + child;
      segments.pop();
    }
    if (need) {
      canon += "}";
      if (keys.length > 0 && sink.wanted.has(canon)) emitNode(sink, sink.producers.containers, canon, pathOf(segments));
    }
  } else {
    if (needText) canon = JSON.stringify(value) ?? "null";
    if (sink.kind === "result" && typeof value === "string" && TEXT_WORTH_CUTTING.test(value)) indexText(value, sink, pathOf(segments));
    if (isBindableLeaf(value)) emitNode(sink, sink.producers.leaves, value as string | number, pathOf(segments));
  }
  return canon;
}

/** What two equal containers share, cheaper than their text: an array's length, an object's keys. */
const arrayShape = (value: unknown[]) => `[${value.length}`;
const objectShape = (sorted: string[]) => `{${sorted.join("\u0000")}`;

/** Text with more than one word or line, or JSON, can hold a value a later call uses whole. */
const TEXT_WORTH_CUTTING = /\s|^\s*[[{]/;
/** Bounds on what one text is cut into, so a large file read cannot slow the crystallizer. */
const MAX_TEXT_LINES = 2_000;
const MAX_LINE_TOKENS = 16;

/**
 * Indexes the parts of a text leaf at `path`: JSON held in the text (extract.json), each line
 * (extract.line) and each word of a short line (extract.token). A part never displaces an entry
 * this step made already: the first line that holds a value is the one bound.
 */
function indexText(text: string, { stepIndex, seq, producers, wanted, shapes }: TreeSink, path: string) {
  const put = (part: string, extract: Extract) => {
    if (producers.leaves.get(part)?.stepIndex !== stepIndex) producers.leaves.set(part, { stepIndex, seq, path, extract });
  };
  const json = readJsonText(text);
  if (json !== text) {
    indexTree(json, { kind: "json", producers, wanted, shapes, stepIndex, seq, segments: [], leaf: path });
    return;
  }
  const lines = textLines(text);
  const many = lines.length > 1;
  for (let i = 0; i < Math.min(lines.length, MAX_TEXT_LINES); i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const tokens = lineTokens(line);
    if (tokens.length > 1 && tokens.length <= MAX_LINE_TOKENS)
      tokens.forEach((token, j) => isBindableLeaf(token) && put(token, { line: i, token: j }));
    if (many && isBindableLeaf(line)) put(line, { line: i });
  }
}

/** Finds when the user first said a value: in the run's input, or in a user message. */
class UserText {
  private readonly texts: { seq: number; text: string; numbers?: Set<string> }[] = [];
  /** None when the user said little (SEARCH_UNCACHED). */
  private readonly cache: Map<string, number> | null;
  private readonly codes = new Map<string, number>();
  constructor(transcript: Transcript) {
    if (transcript.input !== undefined && transcript.input !== null)
      this.texts.push({ seq: -1, text: typeof transcript.input === "string" ? transcript.input : collectText(transcript.input) });
    transcript.events.forEach((e, seq) => e.kind === "message" && e.role === "user" && this.texts.push({ seq, text: e.text }));
    const chars = this.texts.reduce((sum, t) => sum + t.text.length, 0);
    this.cache = this.texts.length > SEARCH_UNCACHED.texts || chars > SEARCH_UNCACHED.chars ? new Map() : null;
  }
  /** Everything the user said, in one text. */
  all(): string {
    return this.texts.map((t) => t.text).join("\n");
  }
  /** Whether a user text before `seq` holds `value` as whole words, in any case ("Pro" in "my pro plan"). */
  namesWords(value: string, seq: number): boolean {
    const words = new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "iu");
    return this.texts.some((t) => t.seq < seq && words.test(t.text));
  }
  /** Sequence number of the first user text that says a short code as a word of its own (see short-code.ts), or Infinity. */
  firstCodeSeq(code: string): number {
    const cached = this.codes.get(code);
    if (cached !== undefined) return cached;
    const found = this.texts.find((t) => saysCode({ text: t.text, code }))?.seq ?? Infinity;
    this.codes.set(code, found);
    return found;
  }
  /** Sequence number of the first user text holding `value` (numbers as whole words), or Infinity. */
  firstSeq(value: string): number {
    if (!this.cache) return this.search(value);
    let found = this.cache.get(value);
    if (found === undefined) this.cache.set(value, (found = this.search(value)));
    return found;
  }
  private search(value: string): number {
    const numeric = NUMBER.test(value);
    for (const t of this.texts) if (numeric ? (t.numbers ??= numberWords(t.text)).has(value) : t.text.includes(value)) return t.seq;
    return Infinity;
  }
}

/**
 * Up to this many user texts of this many characters in all, searching them for a value costs
 * less than a cache lookup: a run's tens of thousands of values then fill no cache.
 */
const SEARCH_UNCACHED = { texts: 4, chars: 1_000 };

const NUMBER = /^-?\d+(\.\d+)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/**
 * The numbers a text holds as whole words: not part of a longer number, a version (`1.2.3`) or a
 * decimal. Read once per text, so a run with thousands of distinct numbers compiles no pattern per number.
 */
function numberWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.])-?\d+(?:\.\d+)?(?!\d|\.\d)/g)) {
    out.add(m[0]);
    // "-5" also holds 5 as a word: the minus is not a digit.
    if (m[0].startsWith("-")) out.add(m[0].slice(1));
  }
  return out;
}

function collectText(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string" || typeof v === "number") parts.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return parts.join("\n");
}

// ---------------------------------------------------------------------------
// Rule 4: provenance → parameters and review flags
// ---------------------------------------------------------------------------

/** `usedAt`: the input that uses it, when `path` only names it (a value inside a longer string). */
function takeParameter(params: Map<string, Param>, byValue: Map<string, Param>, path: string, value: unknown, step: string, usedAt = path): string {
  const canon = canonicalJson(value);
  let param = byValue.get(canon);
  if (!param) {
    const segments = path.split("/").filter((s) => s && !/^\d+$/.test(s));
    let base = (segments.at(-1) ?? "value").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "value";
    if (!/^[a-z]/.test(base)) base = `p_${base}`;
    base = base.slice(0, 60);
    if (base === "now") base = "now_value"; // `now` in a run's input is its logical time
    let name = base;
    for (let n = 2; params.has(name); n++) name = `${base}_${n}`;
    param = { name, value, used_by: [] };
    params.set(name, param);
    byValue.set(canon, param);
  }
  param.used_by.push({ step, input_path: usedAt });
  return param.name;
}

function paramType(value: unknown): "string" | "number" | "boolean" | "json" {
  return typeof value === "string" ? "string" : typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "json";
}

function flagNondeterminism(toolName: string, modelAuthored: string[]): Pick<TStep, "nondeterministic"> {
  const spec = getActionKind(toolName);
  const reasons: string[] = [];
  if (spec && !spec.deterministic) reasons.push(spec.nondeterministicReason ?? `${toolName} is not deterministic`);
  if (modelAuthored.length) reasons.push(`the model wrote ${modelAuthored.join(", ")}`);
  return reasons.length ? { nondeterministic: { reason: reasons.join("; "), inputs: modelAuthored } } : {};
}

// ---------------------------------------------------------------------------
// Rule 2: dependencies
// ---------------------------------------------------------------------------

// Dependencies are lists of step indices that may repeat one: a set per step cost more than the
// few repeats, which ascendingUnique drops once at the end.

function sequentialDeps(dataDeps: number[][]): number[][] {
  return dataDeps.map((deps, i) => (i > 0 ? [...deps, i - 1] : deps));
}

/**
 * Keeps only the order that matters: data dependencies; side effects in their original order;
 * reads never moved across a side effect. A read depends on the last side effect before it; a side
 * effect depends on the reads since the previous side effect (which each depend on it), or on that
 * side effect directly. Reads with nothing between them stay independent.
 */
function dataflowDeps(dataDeps: number[][], readOnly: boolean[], pseudo: boolean[]): number[][] {
  let lastEffect = -1;
  // Reads since the last side effect that no later read depends on: the frontier to wait for.
  let frontier = new Set<number>();
  return dataDeps.map((data, i) => {
    const deps = [...data];
    if (pseudo[i]) {
      // Ordered like a read, but nothing waits for it.
      if (lastEffect >= 0) deps.push(lastEffect);
    } else if (readOnly[i]) {
      if (lastEffect >= 0) deps.push(lastEffect);
      for (const d of data) frontier.delete(d);
      frontier.add(i);
    } else {
      if (frontier.size) for (const r of frontier) deps.push(r);
      else if (lastEffect >= 0) deps.push(lastEffect);
      lastEffect = i;
      frontier = new Set();
    }
    return deps;
  });
}

/** The indices in ascending order, each once: the order depends_on lists a step's dependencies in. */
function ascendingUnique(indices: number[]): number[] {
  if (indices.length < 2) return indices;
  const sorted = sortSmall([...indices], (a, b) => a - b);
  return sorted.filter((d, i) => i === 0 || d !== sorted[i - 1]);
}

// ---------------------------------------------------------------------------
// Rule 5: approval gates
// ---------------------------------------------------------------------------

/**
 * One gate per approval: a call whose approval the source recorded gets its own; the calls one
 * chat confirmation covers share one gate, placed before the first of them, so a "go ahead"
 * followed by several changes asks a human once per run, not once per change.
 */
function insertApprovalGates(steps: TStep[], kept: KeptCall[], confirmed: Map<string, { messageId: string; text: string }>): TStep[] {
  // A confirmed call that failed and was retried: the retry is what the user approved.
  const confirmationOf = (i: number) => {
    if (confirmed.size === 0) return undefined;
    const { call, retriedIds } = kept[i]!;
    return confirmed.get(call.id) ?? retriedIds.map((id) => confirmed.get(id)).find(Boolean);
  };
  const toolsByConfirmation = new Map<string, string[]>();
  kept.forEach(({ call }, i) => {
    const c = confirmationOf(i);
    if (c) toolsByConfirmation.set(c.messageId, [...(toolsByConfirmation.get(c.messageId) ?? []), call.toolName]);
  });
  const gateOfConfirmation = new Map<string, string>();
  const out: TStep[] = [];
  steps.forEach((step, i) => {
    const call = kept[i]!.call;
    const recorded = call.approval && call.approval.status !== "rejected" ? call.approval : null;
    const confirmation = confirmationOf(i);
    const shared = confirmation && gateOfConfirmation.get(confirmation.messageId);
    if (shared) {
      out.push({ ...step, depends_on: [...new Set([shared, ...step.depends_on])] });
      return;
    }
    if (!recorded && !confirmation) {
      out.push(step);
      return;
    }
    const gateKey = `approve_${step.key}`.slice(0, 80);
    if (confirmation) gateOfConfirmation.set(confirmation.messageId, gateKey);
    const reason = recorded
      ? `The source recorded an approval${recorded.decidedBy ? ` by ${recorded.decidedBy}` : ""}${recorded.decidedAt ? ` at ${recorded.decidedAt}` : ""}`
      : `The user confirmed in chat: "${truncate(confirmation!.text, 80)}"`;
    const tools = [...new Set(confirmation && !recorded ? toolsByConfirmation.get(confirmation.messageId)! : [call.toolName])];
    const what = tools.length > 3 ? `${tools.slice(0, 3).join(", ")} and ${tools.length - 3} more` : tools.join(" and ");
    out.push({
      key: gateKey,
      type: "approval_gate",
      name: `Approve ${what}`.slice(0, 200),
      inputs: { message: `Approve ${what} before ${tools.length > 1 ? "they run" : "it runs"}`, on_timeout: "reject" },
      depends_on: step.depends_on,
      bindings: [],
      parameter_refs: [],
      source: { tool_call_id: call.id, call_id: call.callId, message_id: confirmation?.messageId ?? call.messageId ?? null, reason },
    });
    const dataSteps = new Set(step.bindings.map((b) => b.from_step));
    out.push({ ...step, depends_on: [gateKey, ...step.depends_on.filter((d) => dataSteps.has(d))] });
  });
  return out;
}

/** A loop's calls each used the same parameter or date: one entry for the loop. */
function uniqueUses<T>(uses: T[], looped: boolean): T[] {
  if (!looped) return uses;
  const seen = new Set<string>();
  return uses.filter((u) => {
    const k = canonicalJson(u);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
