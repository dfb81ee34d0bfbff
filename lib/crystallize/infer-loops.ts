import { textLines } from "../automations/extract";
import { DEFAULT_MAX_ITEMS, MAX_LOOP_ITEMS, type TBinding, type TForEach, type TStep, type TTemplate } from "../automations/schemas";
import { describeLoopItems } from "../automations/describe-loop-items";
import { readLoopList, type TLoopList } from "../automations/read-loop-list";
import { bindSequences } from "./bind-sequences";
import { editHoleCode } from "../templates/hole-code";
import { canonicalJson, getAtPointer, parsePointer, pointerSegment, setAtPointer } from "../json";

// Rule 6: loops. An agent that fetched each of a user's 3 reservations made 3 calls of one tool,
// each bound to the next element of one list. Tomorrow the list has 4, or 2: the calls become one
// for_each step over the list. Pure, like the rest of the crystallizer.

/** Where a loop's items come from: an upstream output's list, array items or text lines. */
type ListRef = TLoopList;

/** A step's binding that reads element `index` of a list; `item_path`: the part of the element it reads. */
type Element = { list: ListRef; id: string; index: number; item_path: string; token?: number };

export type FoundLoop = { step: string; over: string; items: number; calls: string[] };
export type CandidateLoop = { steps: string[]; over: string; used: number; of: number; reason: string };

const pointerOf = (segments: string[]) => segments.map((s) => `/${pointerSegment(s)}`).join("");
const INDEX = /^(0|[1-9]\d*)$/;
const listIdOf = (l: ListRef) => `${l.from_step}\u0000${l.output_path}\u0000${l.json ?? ""}\u0000${l.lines ? 1 : 0}`;

/**
 * The list elements a binding reads: one per array index on its path (a path through a list of
 * lists reads an element of each), or the rank of a whole line among the text's non-empty lines.
 */
function elementsOf(b: TBinding, textOf: (step: string, path: string) => string | undefined): Element[] {
  const out: Element[] = [];
  const fromSegments = (segments: string[], make: (prefix: string) => ListRef) =>
    segments.forEach((seg, p) => {
      if (!INDEX.test(seg)) return;
      const list = make(pointerOf(segments.slice(0, p)));
      out.push({ list, id: listIdOf(list), index: Number(seg), item_path: pointerOf(segments.slice(p + 1)) });
    });
  if (!b.extract) fromSegments(parsePointer(b.output_path) ?? [], (prefix) => ({ from_step: b.from_step, output_path: prefix }));
  else if ("json" in b.extract) fromSegments(parsePointer(b.extract.json) ?? [], (prefix) => ({ from_step: b.from_step, output_path: b.output_path, json: prefix }));
  else {
    // Items are the non-empty lines: this one's rank among them (its line number when the text
    // is not at hand, as in the editor).
    const text = textOf(b.from_step, b.output_path);
    const lines = text === undefined ? undefined : textLines(text);
    if (lines && !lines[b.extract.line]?.trim()) return out;
    let rank = lines ? 0 : b.extract.line;
    if (lines) for (let i = 0; i < b.extract.line; i++) if (lines[i]!.trim() !== "") rank++;
    const list: ListRef = { from_step: b.from_step, output_path: b.output_path, lines: true };
    out.push({ list, id: listIdOf(list), index: rank, item_path: "", ...(b.extract.token === undefined ? {} : { token: b.extract.token }) });
  }
  return out;
}

/** How long a list was in the source run, or undefined when it was not a list there. */
function listLength(list: ListRef, resultOf: (step: string) => unknown): number | undefined {
  const read = readLoopList(resultOf(list.from_step), list);
  return "list" in read ? read.list.length : undefined;
}

/** `templates`: the step's, with holes that read the element made to read `item`. */
type Member = { step: TStep; at: number; index: number; bind: TForEach["bind"]; rest: TBinding[]; templates: TTemplate[] };

/**
 * What must be equal across a loop's calls: everything but the inputs fed by the element. Inputs
 * the element feeds are blanked, so `{id: "R-1"}` and `{id: "R-2"}` read the same.
 */
function loopSignature(m: Member): string {
  let inputs: unknown = m.step.inputs;
  // A template's input is what the template renders: the templates are compared instead.
  for (const b of [...m.bind, ...m.templates]) inputs = setAtPointer(inputs, b.input_path, null) ?? inputs;
  return canonicalJson({
    kind: m.step.action_kind,
    provider: m.step.provider_id ?? null,
    inputs,
    bind: m.bind,
    rest: m.rest.map((b) => ({ input_path: b.input_path, from_step: b.from_step, output_path: b.output_path, extract: b.extract ?? null })),
    params: m.step.parameter_refs,
    templates: m.templates.map((t) => ({ input_path: t.input_path, template: t.template })),
  });
}

/**
 * Collapses runs of like calls over a whole list into for_each steps, repeatedly, so a loop over a
 * loop's outputs collapses too. `resultOf`: a step's recorded result, JSON text already parsed.
 * A run that used only some of a list's items keeps its steps and is reported as a candidate.
 */
export function inferLoops(input: TStep[], resultOf: (step: string) => unknown, loopable: (step: TStep) => boolean, named: (step: string, word: string) => boolean = () => false) {
  let steps = bindSequences(input, resultOf);
  const loopResults = new Map<string, unknown>();
  const recorded = (key: string) => (loopResults.has(key) ? loopResults.get(key) : resultOf(key));
  const textOf = (key: string, path: string) => {
    const v = getAtPointer(recorded(key), path);
    return typeof v === "string" ? v : undefined;
  };
  const found: FoundLoop[] = [];
  const candidates = new Map<string, CandidateLoop>();
  /** Member key → [loop key, item index]: for reading reports made before the loops. */
  const renamed = new Map<string, { loop: string; index: number }>();

  for (let pass = 0; pass < input.length; pass++) {
    const groups = groupLikeCalls(steps, textOf, loopable);
    const touched = new Set<string>();
    let collapsed = 0;
    for (const { list, members } of groups) {
      if (members.some((m) => touched.has(m.step.key)) || touched.has(list.from_step)) continue;
      const of = listLength(list, recorded);
      if (of === undefined) continue;
      const indices = members.map((m) => m.index);
      const increasing = indices.every((k, j) => j === 0 || k > indices[j - 1]!);
      if (!increasing) continue; // the same item twice, or out of order: the run was not walking the list
      const over = describeLoopItems(list);
      if (indices.length < of || indices[0] !== 0 || indices.at(-1) !== of - 1) {
        if (indices.at(-1)! < of) {
          const reason = `used ${members.length} of ${of} items of ${over}`;
          candidates.set(members.map((m) => m.step.key).join(","), { steps: members.map((m) => m.step.key), over, used: members.length, of, reason });
        }
        continue;
      }
      if (of > MAX_LOOP_ITEMS || !orderAllows(steps, members)) continue;
      const next = collapse(steps, list, members, of);
      for (const m of members) touched.add(m.step.key);
      for (const s of steps) if (s.depends_on.some((d) => touched.has(d))) touched.add(s.key);
      members.forEach((m, index) => renamed.set(m.step.key, { loop: members[0]!.step.key, index }));
      loopResults.set(members[0]!.step.key, members.map((m) => recorded(m.step.key)));
      found.push({ step: members[0]!.step.key, over, items: of, calls: members.map((m) => m.step.source?.tool_call_id ?? m.step.key) });
      steps = next;
      collapsed++;
    }
    if (collapsed === 0) break;
  }
  steps = loopListsOfOne({ steps, textOf, recorded, loopable, named, found, renamed, loopResults });
  // A candidate whose steps a later pass collapsed into a loop is a loop now, not a candidate.
  const candidateLoops = [...candidates.values()].filter((c) => !c.steps.some((k) => renamed.has(k)));
  return { steps, found, candidates: candidateLoops, renamed };
}

/** The word a list goes by: the key that holds it (`tickets` of `/tickets`); none for text lines. */
function listName(list: ListRef): string | null {
  if (list.lines) return null;
  const segments = parsePointer(list.json ?? list.output_path) ?? [];
  const last = segments.at(-1);
  return last && /^[A-Za-z][A-Za-z_ ]{2,}$/.test(last) ? last.replaceAll("_", " ") : null;
}

/**
 * A list of one: the run made the one call it would have made for each of several. The call
 * becomes a loop only when the user asked about the list as a whole, naming it before the call
 * ("check on my open tickets" over `/tickets`): "find my latest order" over `/orders` stays one
 * call of the first element. Like every inferred loop it needs review.
 */
function loopListsOfOne(d: {
  steps: TStep[];
  textOf: (step: string, path: string) => string | undefined;
  recorded: (key: string) => unknown;
  loopable: (step: TStep) => boolean;
  named: (step: string, word: string) => boolean;
  found: FoundLoop[];
  renamed: Map<string, { loop: string; index: number }>;
  loopResults: Map<string, unknown>;
}): TStep[] {
  const readsListOfOne = (step: TStep) =>
    step.type === "action" &&
    !step.for_each &&
    readsAFirstElement(step) &&
    d.loopable(step) &&
    [...step.bindings.filter(mayReadFirst).flatMap((b) => elementsOf(b, d.textOf)), ...(step.templates ?? []).filter((t) => t.template.includes("[0]")).flatMap((t) => templateElements(t.template))].some((e) => {
      const name = e.index === 0 ? listName(e.list) : null;
      return name !== null && listLength(e.list, d.recorded) === 1 && d.named(step.key, name);
    });
  let steps = d.steps;
  const refused = new Set<string>();
  // Each collapse rewires the readers of the call it replaces: the next is looked for afresh.
  for (let pass = 0; pass < d.steps.length; pass++) {
    const group = groupLikeCalls(steps.filter((s) => !refused.has(s.key) && readsListOfOne(s)), d.textOf, () => true, 1).find(
      (g) => g.members.length === 1 && g.members[0]!.index === 0 && listLength(g.list, d.recorded) === 1 && listName(g.list) !== null,
    );
    if (!group) break;
    const [member] = group.members as [Member];
    if (!d.named(member.step.key, listName(group.list)!) || !orderAllows(steps, group.members)) {
      refused.add(member.step.key);
      continue;
    }
    steps = collapse(steps, group.list, group.members, 1);
    d.renamed.set(member.step.key, { loop: member.step.key, index: 0 });
    d.loopResults.set(member.step.key, [d.recorded(member.step.key)]);
    d.found.push({ step: member.step.key, over: describeLoopItems(group.list), items: 1, calls: [member.step.source?.tool_call_id ?? member.step.key] });
  }
  return steps;
}

const FIRST_ELEMENT = /\/0(?:\/|$)/;
/**
 * Whether some binding or hole of the step could read element 0 of a named list: the cheap test
 * before cutting its reads into list elements, which nearly every step of a long run fails.
 */
const mayReadFirst = (b: TBinding) => (b.extract ? "json" in b.extract && FIRST_ELEMENT.test(b.extract.json) : FIRST_ELEMENT.test(b.output_path));
const readsAFirstElement = (step: TStep) => step.bindings.some(mayReadFirst) || !!step.templates?.some((t) => t.template.includes("[0]"));

/** A template hole's read of an upstream output: `steps.list_1.output.orders[1].id`. */
const HOLE_READ = /steps\.([a-z][a-z0-9_]*)\.output((?:\.[A-Za-z_][A-Za-z0-9_]*|\.`[^`]*`|\[\d+\])*)/g;

/** The list elements a template's holes read, each with the text that names the element (`…orders[1]`). */
function templateElements(template: string): (Element & { names: string })[] {
  const out: (Element & { names: string })[] = [];
  for (const m of template.matchAll(HOLE_READ)) {
    const parts = [...m[2]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\.`([^`]*)`|\[(\d+)\]/g)];
    const segments = parts.map((p) => p[1] ?? p[2] ?? p[3]!);
    parts.forEach((p, i) => {
      if (p[3] === undefined) return;
      const list: ListRef = { from_step: m[1]!, output_path: pointerOf(segments.slice(0, i)) };
      const names = `steps.${m[1]}.output${parts.slice(0, i + 1).map((q) => q[0]).join("")}`;
      out.push({ list, id: listIdOf(list), index: Number(p[3]), item_path: pointerOf(segments.slice(i + 1)), names });
    });
  }
  return out;
}

/** Like calls over one list, in run order: the same tool, signature and list, each reading one element of it. */
function groupLikeCalls(steps: TStep[], textOf: (step: string, path: string) => string | undefined, loopable: (step: TStep) => boolean, min = 2) {
  const buckets = new Map<string, { list: ListRef; members: Member[] }>();
  const eligible = (step: TStep) => step.type === "action" && !step.for_each && (step.bindings.length > 0 || !!step.templates?.length) && loopable(step);
  const readsFrom = (step: TStep) => {
    const from = step.bindings.map((b) => b.from_step);
    for (const t of step.templates ?? []) if (t.template.includes("steps.")) for (const m of t.template.matchAll(HOLE_READ)) from.push(m[1]!);
    return from;
  };
  // Cheap first: a loop needs two calls of one tool reading one upstream step. In most runs
  // nearly every step fails this, and is never cut into list elements.
  const reads = steps.map((step) => (eligible(step) ? readsFrom(step) : null));
  // How many steps of each kind read each upstream step: kind → upstream key → count.
  const readers = new Map<string | undefined, Map<string, number>>();
  steps.forEach((step, i) => {
    const from = reads[i];
    if (!from?.length) return;
    let ofKind = readers.get(step.action_kind);
    if (!ofKind) readers.set(step.action_kind, (ofKind = new Map()));
    for (const key of from.length === 1 ? from : new Set(from)) ofKind.set(key, (ofKind.get(key) ?? 0) + 1);
  });
  steps.forEach((step, at) => {
    const ofKind = readers.get(step.action_kind);
    if (!ofKind || !reads[at]?.some((from) => ofKind.get(from)! >= min)) return;
    const elements = step.bindings.map((b) => elementsOf(b, textOf));
    const holes = (step.templates ?? []).map((t) => templateElements(t.template));
    const lists = new Map<string, ListRef>();
    for (const e of [...elements.flat(), ...holes.flat()]) lists.set(e.id, e.list);
    for (const [id, list] of lists) {
      // Every binding and hole into this list must read the same element.
      const indices = new Set([...elements.flat(), ...holes.flat()].filter((e) => e.id === id).map((e) => e.index));
      if (indices.size !== 1) continue;
      const [index] = indices as Set<number>;
      const bind: Member["bind"] = [];
      const rest: TBinding[] = [];
      step.bindings.forEach((b, j) => {
        const e = elements[j]!.find((x) => x.id === id);
        if (e) bind.push({ input_path: b.input_path, item_path: e.item_path, ...(e.token === undefined ? {} : { token: e.token }) });
        else rest.push(b);
      });
      // A hole reading the element reads the loop's item instead.
      const templates = (step.templates ?? []).map((t, j) => {
        const names = holes[j]!.find((e) => e.id === id)?.names;
        return names ? { ...t, template: editHoleCode(t.template, (code) => code.split(names).join("item")) } : t;
      });
      const key = `${id}\u0000${step.action_kind}`;
      const bucket = buckets.get(key) ?? { list, members: [] };
      bucket.members.push({ step, at, index: index!, bind, rest, templates });
      buckets.set(key, bucket);
    }
  });
  // Signatures only where two calls of one tool read one list: most steps read a list nobody else does.
  const groups = new Map<string, { list: ListRef; members: Member[] }>();
  for (const [key, bucket] of buckets) {
    if (bucket.members.length < min) continue;
    for (const m of bucket.members) {
      const k = `${key}\u0000${loopSignature(m)}`;
      const group = groups.get(k) ?? { list: bucket.list, members: [] };
      group.members.push(m);
      groups.set(k, group);
    }
  }
  // A step can read elements of several lists (a path through a list of lists); the first
  // group that claims it, in run order, keeps it.
  const claimed = new Set<string>();
  const out: { list: ListRef; members: Member[] }[] = [];
  for (const g of [...groups.values()].filter((g) => g.members.length >= min).sort((a, b) => a.members[0]!.at - b.members[0]!.at)) {
    if (g.members.some((m) => claimed.has(m.step.key))) continue;
    g.members.forEach((m) => claimed.add(m.step.key));
    out.push(g);
  }
  return out;
}

/**
 * Whether one step can stand for the members without a cycle: no step outside the loop may sit
 * between two members (depend on one while another depends on it), and the members must wait
 * for the same approval gates, else one gate would stand for several.
 */
function orderAllows(steps: TStep[], members: Member[]): boolean {
  const memberKeys = new Set(members.map((m) => m.step.key));
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const dependents = new Map<string, string[]>();
  for (const s of steps)
    for (const d of s.depends_on) {
      const list = dependents.get(d);
      if (list) list.push(s.key);
      else dependents.set(d, [s.key]);
    }
  const downstream = new Set<string>();
  const queue = [...memberKeys].flatMap((k) => dependents.get(k) ?? []).filter((k) => !memberKeys.has(k));
  while (queue.length) {
    const k = queue.pop()!;
    if (downstream.has(k) || memberKeys.has(k)) continue;
    downstream.add(k);
    queue.push(...(dependents.get(k) ?? []));
  }
  if (members.some((m) => m.step.depends_on.some((d) => downstream.has(d)))) return false;
  const gates = (m: Member) => m.step.depends_on.filter((d) => byKey.get(d)?.type === "approval_gate").sort().join(",");
  return members.every((m) => gates(m) === gates(members[0]!));
}

/** The steps with the members replaced by one for_each step (the first member's key and place) and readers of their outputs rewired. */
function collapse(steps: TStep[], list: ListRef, members: Member[], count: number | undefined): TStep[] {
  const first = members[0]!;
  const loopKey = first.step.key;
  // A member's output is its item's place in the loop's output (its element index in the list).
  const indexOf = new Map(members.map((m) => [m.step.key, m.index]));
  const memberKeys = new Set(indexOf.keys());
  const flagged = [...new Set(members.flatMap((m) => m.step.nondeterministic?.inputs ?? []))];
  const loop: TStep = {
    ...first.step,
    bindings: first.rest,
    ...(first.templates.length ? { templates: first.templates } : {}),
    depends_on: [...new Set(members.flatMap((m) => m.step.depends_on))].filter((d) => !memberKeys.has(d)),
    for_each: {
      items: { ...list, ...(count === undefined ? {} : { recorded_count: count }) },
      as: "item",
      bind: first.bind,
      concurrency: 1,
      max_items: Math.max(DEFAULT_MAX_ITEMS, Math.min(MAX_LOOP_ITEMS, (count ?? 0) * 10)),
    },
    source: { ...(first.step.source ?? { tool_call_id: loopKey }), loop_calls: members.map((m) => m.step.source?.tool_call_id ?? m.step.key) },
    ...(first.step.nondeterministic ? { nondeterministic: { ...first.step.nondeterministic, inputs: flagged } } : {}),
  };
  const rewire = (s: TStep): TStep => {
    const reads = s.bindings.some((b) => memberKeys.has(b.from_step));
    const waits = s.depends_on.some((d) => memberKeys.has(d));
    const loopsOver = s.for_each && "from_step" in s.for_each.items && memberKeys.has(s.for_each.items.from_step);
    const templated = s.templates?.some((t) => members.some((m) => t.template.includes(`steps.${m.step.key}.`)));
    if (!reads && !waits && !loopsOver && !templated) return s;
    const out: TStep = {
      ...s,
      depends_on: [...new Set(s.depends_on.map((d) => (memberKeys.has(d) ? loopKey : d)))],
      bindings: s.bindings.map((b) => (memberKeys.has(b.from_step) ? { ...b, from_step: loopKey, output_path: `/${indexOf.get(b.from_step)}${b.output_path}` } : b)),
    };
    if (loopsOver && out.for_each && "from_step" in out.for_each.items) {
      const items = out.for_each.items;
      out.for_each = { ...out.for_each, items: { ...items, from_step: loopKey, output_path: `/${indexOf.get(items.from_step)}${items.output_path}` } };
    }
    if (templated) out.templates = s.templates!.map((t) => ({ ...t, template: rewriteTemplate(t.template, indexOf, loopKey) }));
    return out;
  };
  const out: TStep[] = [];
  for (const s of steps) {
    if (s.key === loopKey) out.push(loop);
    else if (!memberKeys.has(s.key)) out.push(rewire(s));
  }
  return out;
}

/** `steps.get_2.output.id` → `steps.get_1.output[1].id`: a member's output is now one element of the loop's. */
function rewriteTemplate(template: string, indexOf: Map<string, number>, loopKey: string): string {
  return editHoleCode(template, (code) =>
    code.replace(/(?<![\w$.])steps\.([a-z][a-z0-9_]*)\.output\b/g, (whole, key: string) => (indexOf.has(key) ? `steps.${loopKey}.output[${indexOf.get(key)}]` : whole)),
  );
}

/**
 * The editor's "make a loop" on steps a person picked: like calls (one tool, equal other inputs),
 * each reading a different element of one list, in order. Unlike the crystallizer it accepts part
 * of a list, which is what a candidate loop is: the loop then runs over the whole list.
 * Returns the new steps, or why they cannot be one loop.
 */
export function loopFromSteps(steps: TStep[], keys: string[]): { steps: TStep[]; loop: string } | { problem: string } {
  const picked = steps.filter((s) => keys.includes(s.key));
  if (picked.length < 2) return { problem: "pick two or more steps to make a loop" };
  const kinds = new Set(picked.map((s) => s.action_kind));
  if (picked.some((s) => s.type !== "action" || s.for_each) || kinds.size > 1) return { problem: "a loop is made of action steps of one tool that do not loop already" };
  const group = groupLikeCalls(picked, () => undefined, () => true).find((g) => g.members.length === picked.length);
  if (!group) return { problem: "these steps do not each read a different element of one list with their other inputs equal" };
  const indices = group.members.map((m) => m.index);
  if (!indices.every((k, j) => j === 0 || k > indices[j - 1]!)) return { problem: "these steps read the same element twice, or the list out of order" };
  if (!orderAllows(steps, group.members)) return { problem: "another step sits between these steps (it reads one and feeds another), so they cannot run as one" };
  return { steps: collapse(steps, group.list, group.members, undefined), loop: group.members[0]!.step.key };
}

/**
 * Groups of steps in a definition that could be one loop: like calls, each reading the next
 * element of one list, in order. For the editor, which has no recorded results to tell whether
 * they read the whole list: it offers each group as a loop to make.
 */
export function likeStepsOverLists(steps: TStep[]): { steps: string[]; over: string }[] {
  return groupLikeCalls(steps, () => undefined, () => true)
    .filter((g) => g.members.every((m, j) => j === 0 || m.index > g.members[j - 1]!.index) && orderAllows(steps, g.members))
    .map((g) => ({ steps: g.members.map((m) => m.step.key), over: describeLoopItems(g.list) }));
}
