import { diffArrays, diffWordsWithSpace } from "diff";
import type { TDefinition, TForEach, TParameter, TStep } from "../automations/schemas";
import { compareValues } from "../values/compare-values";

// What changed between two versions, as a reviewer reads it: per step, whether it was added,
// removed, moved or changed; per changed input, the old and new value (texts as a word diff, both
// in full); wiring (bindings, parameters, templates, loops) and the automation's parameters in
// words. What only the machinery reads (hashes, provenance, the source call, recorded values) is
// kept apart as internals, for the reviewer who asks.

export type WordPart = { text: string; change?: "added" | "removed" };
export type FieldChange = {
  /** What changed: `/sql` for an input, `template /sql`, or a step field such as `name`. */
  label: string;
  change: "changed" | "added" | "removed";
  before?: unknown;
  after?: unknown;
  /** Set when both sides are text worth reading word by word: both texts in full, parts marked. */
  words?: WordPart[];
};
export type Wording = { change: "added" | "removed" | "changed"; text: string; /** With `changed`: how it read before. */ was?: string };
export type StepChange = "added" | "removed" | "moved" | "changed" | "same";
export type StepDiff = {
  key: string;
  name?: string;
  change: StepChange;
  /** 1-based positions, when the step's place among the others changed (also for a changed step). */
  moved?: { from: number; to: number };
  fields: FieldChange[];
  wiring: Wording[];
  internals: FieldChange[];
};
export type VersionDiff = { steps: StepDiff[]; parameters: Wording[]; settings: FieldChange[]; internals: FieldChange[] };

/** Changed inputs listed per step; a frozen result of thousands of values stays readable. */
export const MAX_FIELD_CHANGES = 200;
/** Text shorter than this without spaces reads better as old → new than as a word diff. */
const WORD_DIFF_MIN_CHARS = 24;
const WORD_DIFF_TIMEOUT_MS = 300;

/** Step fields shown as they are; the rest is wiring (in words) or internals. */
const PLAIN_FIELDS = ["type", "name", "action_kind", "provider_id", "nondeterministic", "retry", "timeout_ms", "continue_on_error"] as const;

/** Two texts word by word. Both stay whole: common parts appear once, removed and added parts marked. */
export function diffWords(before: string, after: string): WordPart[] {
  const parts = diffWordsWithSpace(before, after, { timeout: WORD_DIFF_TIMEOUT_MS });
  if (!parts) return [{ text: before, change: "removed" }, { text: after, change: "added" }];
  return parts.map((p) => (p.added ? { text: p.value, change: "added" } : p.removed ? { text: p.value, change: "removed" } : { text: p.value }));
}

const readsAsText = (before: unknown, after: unknown) =>
  typeof before === "string" && typeof after === "string" && (before.length + after.length >= WORD_DIFF_MIN_CHARS || /\s/.test(before + after));

function fieldChanges(before: unknown, after: unknown, label: (path: string) => string, limit = MAX_FIELD_CHANGES): FieldChange[] {
  return compareValues(before, after, { limit }).differences.map((d) => ({
    label: label(d.path),
    change: d.change,
    ...(d.before !== undefined && { before: d.before }),
    ...(d.after !== undefined && { after: d.after }),
    ...(readsAsText(d.before, d.after) && { words: diffWords(d.before as string, d.after as string) }),
  }));
}

/** A value in a sentence: text quoted, the rest as JSON. */
export const quote = (v: unknown) => (JSON.stringify(v) ?? "undefined");
const at = (path: string) => path || "(whole output)";

export function describeBinding(b: TStep["bindings"][number]): string {
  const extract = !b.extract ? "" : "json" in b.extract ? `, the JSON at ${b.extract.json} in it` : `, line ${b.extract.line + 1}${b.extract.token !== undefined ? ` word ${b.extract.token + 1}` : ""} of it`;
  return `input ${b.input_path} reads ${b.from_step} ${at(b.output_path)}${extract}`;
}

export function describeLoop(f: TForEach): string {
  const items = f.items;
  const list =
    "parameter" in items
      ? `parameter ${items.parameter}`
      : `${items.from_step} ${at(items.output_path)}${items.lines ? " (one item per line)" : ""}${items.json ? ` (the list at ${items.json} in its JSON)` : ""}`;
  const binds = f.bind.map((b) => `${b.input_path} ← item ${b.item_path || "(whole item)"}${b.token !== undefined ? ` word ${b.token + 1}` : ""}`);
  return [`runs once per item of ${list}`, ...(binds.length ? [`binding ${binds.join(", ")}`] : []), `${f.concurrency} at a time`, `at most ${f.max_items} items`].join(", ");
}

export function describeParameter(p: TParameter): string {
  const details = [p.type, ...(p.default !== undefined ? [`default ${quote(p.default)}`] : []), ...(p.required ? ["required"] : [])];
  return `parameter ${p.name} (${details.join(", ")})`;
}

/** Sentences keyed by what they are about; a key on both sides with other words is a change. */
function compareWordings(before: Map<string, string>, after: Map<string, string>): Wording[] {
  const out: Wording[] = [];
  for (const [k, text] of before) {
    const now = after.get(k);
    if (now === undefined) out.push({ change: "removed", text });
    else if (now !== text) out.push({ change: "changed", text: now, was: text });
  }
  for (const [k, text] of after) if (!before.has(k)) out.push({ change: "added", text });
  return out;
}

function wiringOf(s: TStep | undefined): Map<string, string> {
  const m = new Map<string, string>();
  if (!s) return m;
  for (const b of s.bindings) m.set(`binding ${b.input_path}`, describeBinding(b));
  for (const r of s.parameter_refs) m.set(`param ${r.input_path}`, `input ${r.input_path} takes parameter ${r.parameter}`);
  for (const t of s.templates ?? []) m.set(`template ${t.input_path}`, `input ${t.input_path} is filled from a template`);
  if (s.for_each) m.set("loop", describeLoop(s.for_each));
  for (const d of s.depends_on) m.set(`after ${d}`, `waits for ${d}`);
  for (const outcome of ["true", "false"] as const) for (const k of s.branches?.[outcome] ?? []) m.set(`branch ${outcome} ${k}`, `when ${outcome}, goes on to ${k}`);
  if (s.reviewed) m.set("reviewed", "marked reviewed");
  return m;
}

/** The template texts by input path: their words are diffed like an input's. */
const templatesOf = (s: TStep | undefined) => Object.fromEntries((s?.templates ?? []).map((t) => [t.input_path, t.template]));

/** What only the machinery reads: the source call, provenance, review record, recorded values. */
function internalsOf(s: TStep | undefined) {
  if (!s) return {};
  return {
    source: s.source,
    provenance: s.provenance,
    reviewed: s.reviewed,
    recorded_values: {
      ...Object.fromEntries(s.bindings.filter((b) => b.recorded_value !== undefined).map((b) => [`binding ${b.input_path}`, b.recorded_value])),
      ...Object.fromEntries((s.templates ?? []).filter((t) => t.recorded_value !== undefined).map((t) => [`template ${t.input_path}`, t.recorded_value])),
      ...(s.for_each && "from_step" in s.for_each.items && s.for_each.items.recorded_count !== undefined && { loop_items: s.for_each.items.recorded_count }),
    },
    inferred_templates: Object.fromEntries((s.templates ?? []).filter((t) => t.inferred).map((t) => [t.input_path, t.inferred])),
  };
}

const pick = (s: TStep | undefined) => (s ? Object.fromEntries(PLAIN_FIELDS.filter((f) => s[f] !== undefined).map((f) => [f, s[f]])) : {});
const decode = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");
/** `/retry/max_retries` → `retry.max_retries`: a step field, not an input path. */
const fieldLabel = (path: string) => path.split("/").slice(1).map(decode).join(".");

/** Steps whose place among the steps both versions have changed: those off the longest common order. */
function movedKeys(a: TDefinition, b: TDefinition): Set<string> {
  const inB = new Set(b.steps.map((s) => s.key));
  const inA = new Set(a.steps.map((s) => s.key));
  const order = diffArrays(
    a.steps.map((s) => s.key).filter((k) => inB.has(k)),
    b.steps.map((s) => s.key).filter((k) => inA.has(k)),
  );
  return new Set(order.filter((p) => p.added || p.removed).flatMap((p) => p.value));
}

export function diffSteps(a: TStep | undefined, b: TStep | undefined, positions?: { from: number; to: number }): StepDiff {
  const key = (b ?? a)!.key;
  const name = (b ?? a)!.name;
  const inputs = fieldChanges(a?.inputs ?? {}, b?.inputs ?? {}, (p) => p);
  const templates = fieldChanges(templatesOf(a), templatesOf(b), (p) => `template ${decode(p.slice(1))}`);
  const plain = fieldChanges(pick(a), pick(b), fieldLabel);
  const wiring = compareWordings(wiringOf(a), wiringOf(b));
  const internals = fieldChanges(internalsOf(a), internalsOf(b), fieldLabel);
  const fields = [...plain, ...inputs, ...templates];
  const change: StepChange = !a ? "added" : !b ? "removed" : fields.length || wiring.length ? "changed" : positions ? "moved" : "same";
  return { key, ...(name !== undefined && { name }), change, ...(positions && { moved: positions }), fields, wiring, internals };
}

export function diffParameters(a: TParameter[], b: TParameter[]): Wording[] {
  const before = new Map(a.map((p) => [p.name, p]));
  const after = new Map(b.map((p) => [p.name, p]));
  const out: Wording[] = [];
  for (const p of a) if (!after.has(p.name)) out.push({ change: "removed", text: `${describeParameter(p)} removed` });
  for (const p of b) {
    const old = before.get(p.name);
    if (!old) {
      out.push({ change: "added", text: `${describeParameter(p)} added` });
      continue;
    }
    const parts: string[] = [];
    if (old.type !== p.type) parts.push(`type ${old.type} → ${p.type}`);
    if (!compareValues(old.default, p.default).equal)
      parts.push(p.default === undefined ? `default ${quote(old.default)} removed` : old.default === undefined ? `default ${quote(p.default)} added` : `default ${quote(old.default)} → ${quote(p.default)}`);
    if (Boolean(old.required) !== Boolean(p.required)) parts.push(p.required ? "now required" : "no longer required");
    if ((old.description ?? "") !== (p.description ?? "")) parts.push(`description ${quote(old.description ?? "")} → ${quote(p.description ?? "")}`);
    if (parts.length) out.push({ change: "changed", text: `parameter ${p.name}: ${parts.join(", ")}`, was: describeParameter(old) });
  }
  return out;
}

export function diffDefinitions(a: TDefinition, b: TDefinition): VersionDiff {
  const left = new Map(a.steps.map((s, i) => [s.key, { step: s, at: i + 1 }]));
  const right = new Map(b.steps.map((s, i) => [s.key, { step: s, at: i + 1 }]));
  const moved = movedKeys(a, b);
  // The new version's order, with removed steps where they stood in the old one.
  const keys = diffArrays(
    a.steps.map((s) => s.key),
    b.steps.map((s) => s.key),
  ).flatMap((p) => p.value);
  const steps = [...new Set(keys)].map((key) => {
    const l = left.get(key);
    const r = right.get(key);
    return diffSteps(l?.step, r?.step, moved.has(key) && l && r ? { from: l.at, to: r.at } : undefined);
  });
  return {
    steps,
    parameters: diffParameters(a.parameters, b.parameters),
    settings: fieldChanges({ time_zone: a.time_zone ?? "UTC" }, { time_zone: b.time_zone ?? "UTC" }, () => "time zone"),
    internals: fieldChanges({ metadata: a.metadata }, { metadata: b.metadata }, fieldLabel),
  };
}
