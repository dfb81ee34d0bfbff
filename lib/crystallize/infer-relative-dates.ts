// The relative-date rule: a date in a step's input that stands in a recognisable relation to the
// source run's time (today, N days ago, the start or end of this or the previous week, month,
// quarter or year) becomes a `$relativeDate` hole, so tomorrow's run asks for tomorrow's dates.
// Each becomes a template the crystallizer marks as inferred: the step needs review, which shows
// the recorded value beside the one the next run would use. Pure.
import type { TStep, TTemplate } from "../automations/schemas";
import { describeRelativeDate } from "../dates/describe-relative-date";
import { findRelativeDates, type TRelativeDateMatch } from "../dates/find-relative-dates";
import { relativeDateHole } from "../dates/relative-date-function";
import { joinPointer } from "../json";
import { SQL_KINDS } from "../templates/sql-kinds";
import { checkTemplate } from "../templates/check-template";
import { isSqlCodeAt } from "../templates/sql-hole-problem";
import type { TRelativeDate } from "../dates/schemas";
import { toDateTime } from "../dates/evaluate-relative-date";

/** The cheap test before the finder, which costs about a millisecond per literal. */
const DATE_HINT = /\d{4}[-/]\d{2}/;
/** A typed SQL literal (`DATE '2025-01-01'`): the keyword goes with the value, as a cast on the parameter. */
const TYPED_LITERAL = /\b(timestamp\s+with(?:out)?\s+time\s+zone|timestamptz|timestamp|date)\s*$/i;
/** A literal of another type (`interval '…'`, `E'…'`): its text is no date parameter. */
const OTHER_PREFIX = /(?:[A-Za-z0-9_&]|\b(?:interval|time|timetz|json|jsonb|text|varchar|char|numeric|uuid|int\w*|bigint|real|double|float\w*)\s*)$/i;

export type InferredDate = { step: string; input_path: string; literal: string; relation: string };

/**
 * A spec's hole and its words, once per spec: the finder's cache hands the same spec objects to
 * every step that writes the same date, thousands of them in a long run. Specs are never changed.
 */
const holes = new WeakMap<TRelativeDate, string>();
const relations = new WeakMap<TRelativeDate, string>();
const holeOf = (spec: TRelativeDate) => holes.get(spec) ?? holes.set(spec, relativeDateHole({ spec })).get(spec)!;
const relationOf = (spec: TRelativeDate) => relations.get(spec) ?? relations.set(spec, describeRelativeDate({ spec })).get(spec)!;

/** The periods a person's words name: "this quarter so far" means a quarter, even on a day that also starts a month. */
const UNIT_WORDS: [TRelativeDate["unit"], RegExp][] = [
  ["day", /\b(today|yesterday|tonight|days?|daily)\b/],
  ["week", /\b(weeks?|weekly|wtd)\b/],
  ["month", /\b(months?|monthly|mtd)\b/],
  ["quarter", /\b(quarters?|quarterly|qtd|q[1-4])\b/],
  ["year", /\b(years?|yearly|annual|ytd)\b/],
];
export const unitsNamed = (text: string) => new Set(UNIT_WORDS.filter(([, words]) => words.test(text.toLowerCase())).map(([unit]) => unit));

/**
 * `named`: the periods the user's words name. A date that several relations explain takes one of
 * those when its first reading names none (the default order prefers days, then short periods).
 */
export function inferRelativeDates({ steps, runTime, timeZone, skip, named = new Set() }: { steps: TStep[]; runTime: string; timeZone: string; skip: (step: TStep) => boolean; named?: ReadonlySet<TRelativeDate["unit"]> }) {
  const found: InferredDate[] = [];
  /** Parameter references the rule replaced: a date the user typed rolls instead. */
  const replaced: { step: string; input_path: string; parameter: string }[] = [];
  const cache = new Map<string, TRelativeDate[]>();
  const at = toDateTime(runTime);
  // The strings of one step that could hold a date: most steps have none, and cost only the walk.
  const hinted: { path: string; text: string }[] = [];
  const hint = (path: string, text: string) => hinted.push({ path, text });
  for (const step of steps) {
    if (step.type !== "action" || skip(step)) continue;
    hinted.length = 0;
    walkStrings(step.inputs, "", hint);
    if (hinted.length === 0) continue;
    // A value read from upstream (or inside one) is the upstream's, never a relative date.
    const isBound = (path: string) => step.bindings.some(({ input_path: b }) => path === b || path.startsWith(`${b}/`) || b === "");
    const templates: TTemplate[] = [];
    const dated = new Set<string>();
    for (const { path, text } of hinted) {
      if (isBound(path)) continue;
      // The value rule may have made this input a template already: its dates go into that one.
      const existing = step.templates?.find((t) => t.input_path === path);
      const base = existing?.template ?? text;
      const holes = existing ? [...base.matchAll(GENERATED_HOLE)].map((m) => [m.index, m.index + m[0].length]) : [];
      const matches = findRelativeDates({ text: base, runTime: at, timeZone, cache })
        .filter((m) => m.candidates.length > 0 && !holes.some(([s, e]) => m.start >= s! && m.start < e!))
        .map((m) => preferNamed(m, named));
      if (matches.length === 0) continue;
      const sql = SQL_KINDS.has(step.action_kind ?? "") && path === "/sql";
      const built = buildTemplate(base, matches, sql, !existing);
      // Only a template the engine will accept: a date the SQL's lexing puts in a comment stays frozen.
      if (!built.used.length || "problem" in checkTemplate({ template: built.template, sql })) continue;
      if (existing) existing.template = built.template;
      else templates.push({ input_path: path, template: built.template, recorded_value: text, inferred: "relative_date" });
      dated.add(path);
      for (const m of built.used) found.push({ step: step.key, input_path: path, literal: m.literal, relation: relationOf(m.candidates[0]!) });
    }
    if (!templates.length) continue;
    step.templates = [...(step.templates ?? []), ...templates];
    // A date the user typed is not a parameter once it rolls with the calendar.
    for (const r of step.parameter_refs) if (dated.has(r.input_path)) replaced.push({ step: step.key, ...r });
    step.parameter_refs = step.parameter_refs.filter((r) => !dated.has(r.input_path));
  }
  return { found, replaced };
}


function preferNamed(m: TRelativeDateMatch, named: ReadonlySet<TRelativeDate["unit"]>): TRelativeDateMatch {
  if (named.size === 0 || named.has(m.candidates[0]!.unit)) return m;
  const better = m.candidates.find((c) => named.has(c.unit));
  return better ? { ...m, candidates: [better, ...m.candidates.filter((c) => c !== better)] } : m;
}

/** The holes the value rule writes, which hold no braces of their own. */
const GENERATED_HOLE = /\{\{[^{}]*\}\}/g;

/** `escape`: the text is raw input, whose own `{{` must stay text (a template's are holes already). */
function buildTemplate(text: string, matches: TRelativeDateMatch[], sql: boolean, escape: boolean) {
  const escapeText = (t: string) => (escape ? t.replaceAll("{{", '{{ "{{" }}') : t);
  let template = "";
  let at = 0;
  const used: TRelativeDateMatch[] = [];
  for (const m of matches) {
    let [start, end] = [m.start, m.end];
    let cast = "";
    if (sql) {
      // A SQL hole is a bound parameter: it replaces the whole quoted literal, or nothing.
      if (text[start - 1] !== "'" || text[end] !== "'" || text[end + 1] === "'" || !isSqlCodeAt({ text, index: start - 1 })) continue;
      start -= 1;
      end += 1;
      const before = text.slice(at, start);
      const typed = TYPED_LITERAL.exec(before);
      if (typed) {
        start -= typed[0].length;
        cast = `::${typed[1]!.toLowerCase().replace(/\s+/g, " ")}`;
      } else if (OTHER_PREFIX.test(before)) continue;
    }
    template += escapeText(text.slice(at, start)) + `{{ ${holeOf(m.candidates[0]!)} }}${cast}`;
    at = end;
    used.push(m);
  }
  return { template: template + escapeText(text.slice(at)), used };
}

/** The string leaves that could hold a date; a leaf's path is built only for those. */
function walkStrings(value: unknown, path: string, visit: (path: string, text: string) => void) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "string") {
        if (DATE_HINT.test(v)) visit(joinPointer(path, i), v);
      } else if (v && typeof v === "object") walkStrings(v, joinPointer(path, i), visit);
    }
  } else if (value && typeof value === "object") {
    for (const k in value) {
      const v: unknown = (value as Record<string, unknown>)[k];
      if (typeof v === "string") {
        if (DATE_HINT.test(v)) visit(joinPointer(path, k), v);
      } else if (v && typeof v === "object") walkStrings(v, joinPointer(path, k), visit);
    }
  }
}
