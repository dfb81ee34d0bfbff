import type { TStep } from "../automations/schemas";
import { getAtPointer, isPlainObject, joinPointer } from "../json";
import { isBindableLeaf } from "./provenance";

// A value too plain to bind on its own (issue 9, region "EU") can still be read from a list when
// several calls of one tool took, in order, every element's value of it: `9, 12, 21` as the
// `number` of each of three issues is no coincidence, though a lone 9 might be. Such inputs get
// their bindings here, before the loop rule, which then sees calls over successive elements. Pure.

/** Lists longer than this are not searched element by element: the walk must stay cheap. */
const MAX_LIST = 1_000;
/** Results are walked this deep for lists. */
const MAX_DEPTH = 8;

type List = { step: string; at: number; path: string; items: unknown[] };

export function bindSequences(steps: TStep[], resultOf: (step: string) => unknown): TStep[] {
  const byTool = new Map<string, number[]>();
  steps.forEach((s, i) => {
    if (s.type !== "action" || s.for_each) return;
    const same = byTool.get(s.action_kind!);
    if (same) same.push(i);
    else byTool.set(s.action_kind!, [i]);
  });
  // The inputs that could be read from a list, first; lists are looked for only if there are any,
  // only of those lengths, and only in the results of steps before them.
  const wanted: { members: number[]; path: string; values: unknown[] }[] = [];
  for (const members of byTool.values()) {
    if (members.length < 2 || members[0] === 0) continue;
    for (const path of plainDifferingLeaves(members.map((i) => steps[i]!))) {
      const values = members.map((i) => getAtPointer(steps[i]!.inputs, path));
      // 0, 1, 2 or 1, 2, 3 is a counter (a page), which any list of ranks would match.
      if (!values.every((v, j) => v === j || v === j + 1)) wanted.push({ members, path, values });
    }
  }
  if (wanted.length === 0) return steps;
  const lists = listsByLength(steps.slice(0, Math.max(...wanted.map((w) => w.members[0]!))), resultOf, new Set(wanted.map((w) => w.values.length)));
  const out = [...steps];
  for (const { members, path, values } of wanted) {
    const found = (lists.get(values.length) ?? []).find((l) => l.at < members[0]! && sameAt(l.items, values) !== null);
    if (!found) continue;
    const itemPath = sameAt(found.items, values)!;
    members.forEach((i, j) => {
      const s = out[i]!;
      out[i] = {
        ...s,
        bindings: [...s.bindings, { input_path: path, from_step: found.step, output_path: `${found.path}/${j}${itemPath}`, recorded_value: values[j] }],
        depends_on: s.depends_on.includes(found.step) ? s.depends_on : [...s.depends_on, found.step],
        provenance: { ...s.provenance, [path]: "tool_produced" },
      };
    });
  }
  return out;
}

/** Leaves every step has, fed by nothing, too plain to bind alone, and different in each step. */
function plainDifferingLeaves(group: TStep[]): string[] {
  const fed = (s: TStep, path: string) =>
    [...s.bindings, ...s.parameter_refs, ...(s.templates ?? [])].some((b) => path === b.input_path || path.startsWith(`${b.input_path}/`));
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, joinPointer(path, k));
    else if (!Array.isArray(value) && (typeof value === "number" || typeof value === "string") && !isBindableLeaf(value)) paths.push(path);
  };
  walk(group[0]!.inputs, "");
  return paths.filter((path) => {
    const values = group.map((s) => getAtPointer(s.inputs, path));
    if (group.some((s) => fed(s, path)) || values.some((v) => (typeof v !== "number" && typeof v !== "string") || isBindableLeaf(v))) return false;
    return new Set(values).size === values.length;
  });
}

/** The pointer inside each item where the items hold `values`, in order, or null. */
function sameAt(items: unknown[], values: unknown[]): string | null {
  const candidates: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (value === values[0]) candidates.push(path);
    else if (isPlainObject(value) && depth < MAX_DEPTH) for (const [k, v] of Object.entries(value)) walk(v, joinPointer(path, k), depth + 1);
  };
  walk(items[0], "", 0);
  return candidates.find((p) => items.every((item, j) => getAtPointer(item, p) === values[j])) ?? null;
}

/** The lists of the wanted lengths in the steps' results, by length. */
function listsByLength(steps: TStep[], resultOf: (step: string) => unknown, lengths: Set<number>): Map<number, List[]> {
  const out = new Map<number, List[]>();
  steps.forEach((s, at) => {
    const walk = (value: unknown, path: string, depth: number) => {
      if (depth > MAX_DEPTH) return;
      if (Array.isArray(value)) {
        if (lengths.has(value.length)) {
          const list = { step: s.key, at, path, items: value };
          const same = out.get(value.length);
          if (same) same.push(list);
          else out.set(value.length, [list]);
        }
        if (value.length <= MAX_LIST) value.forEach((v, i) => walk(v, joinPointer(path, i), depth + 1));
      } else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, joinPointer(path, k), depth + 1);
    };
    if (s.type === "action") walk(resultOf(s.key), "", 0);
  });
  return out;
}
