import { layeredLayout } from "./layered-layout";
import { getAtPointer, setAtPointer } from "../json";
import { shortExtract } from "../automations/extract";
import { Graph, layout } from "@dagrejs/dagre";
import type { TBinding, TDefinition, TStep } from "../automations/schemas";

// The editor's model, kept pure so it is unit-tested and cheap: a definition in, the drawn graph
// out, and every edit as a function from one definition to the next (which is what undo keeps).

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 76;
const LARGE_GRAPH = 60;
const HUGE_GRAPH = 300;

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  /** "true"/"false" when the edge is a condition's branch. */
  branch?: "true" | "false";
  /** Data-flow bindings carried along this edge, as "output → input" pointers. */
  bindings: { output_path: string; input_path: string }[];
};

export function edgesOf(def: TDefinition): GraphEdge[] {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  const edges: GraphEdge[] = [];
  for (const step of def.steps) {
    for (const from of new Set(step.depends_on)) {
      const upstream = byKey.get(from);
      if (!upstream) continue;
      const branch = upstream.branches?.true.includes(step.key) ? "true" : upstream.branches?.false.includes(step.key) ? "false" : undefined;
      edges.push({
        id: `${from}->${step.key}`,
        source: from,
        target: step.key,
        branch,
        bindings: step.bindings
          .filter((b) => b.from_step === from)
          // A value cut out of text shows how it is cut: "line 2 → /file_path".
          .map((b) => ({ output_path: b.extract ? `${b.output_path} ${shortExtract(b.extract)}`.trim() : b.output_path, input_path: b.input_path })),
      });
    }
  }
  return edges;
}

/** An edge drawn through the layout's bends, around the nodes in its way, with its label where the layout left room. */
export type EdgeRoute = { points: readonly { x: number; y: number }[]; label?: { x: number; y: number } };
export type GraphLayout = { positions: Map<string, { x: number; y: number }>; routes: Map<string, EdgeRoute> };

// Edge labels are drawn in 11 px monospace (components/canvas/flow-elements.ts): about this wide a character.
const LABEL_CHAR = 6.8;
const LABEL_HEIGHT = 18;

/**
 * Top-to-bottom layered layout; positions are node top-left corners. dagre also routes each
 * edge: an edge spanning several layers bends around the nodes between, and a label gets a place
 * of its own (`labelOf` gives the words to make room for). Graphs too big for dagre get the
 * linear-time layered layout and no routes.
 */
export function layoutGraph(def: TDefinition, labelOf?: (e: GraphEdge) => string | undefined): GraphLayout {
  // Past this, dagre's layout alone costs more than the canvas may take to open.
  if (def.steps.length > HUGE_GRAPH) return { positions: layeredLayout(def, { width: NODE_WIDTH, height: NODE_HEIGHT, gapX: 90, gapY: 80 }), routes: new Map() };
  const g = new Graph();
  // Big graphs trade dagre's crossing minimisation and network-simplex ranking for speed: on the
  // 107 nodes a 500-step graph draws with its chains grouped, 0.1 s instead of 0.2–0.3 s in Node.
  const big = def.steps.length > LARGE_GRAPH;
  g.setGraph({ rankdir: "TB", nodesep: 90, ranksep: 80, edgesep: 30, marginx: 20, marginy: 20, ...(big ? { ranker: "longest-path" } : {}) });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of def.steps) g.setNode(s.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges = edgesOf(def);
  for (const e of edges) {
    const words = labelOf?.(e);
    g.setEdge(e.source, e.target, words ? { width: Math.ceil(words.length * LABEL_CHAR) + 12, height: LABEL_HEIGHT, labelpos: "c" } : {});
  }
  layout(g, big ? { disableOptimalOrderHeuristic: true } : undefined);
  const positions = new Map<string, { x: number; y: number }>();
  for (const s of def.steps) {
    const n = g.node(s.key);
    positions.set(s.key, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  const routes = new Map<string, EdgeRoute>();
  for (const e of edges) {
    const r = g.edge(e.source, e.target) as { points?: { x: number; y: number }[]; x?: number; y?: number; width?: number };
    if (r?.points?.length) routes.set(e.id, { points: r.points, ...(r.width && r.x !== undefined && r.y !== undefined ? { label: { x: r.x, y: r.y } } : {}) });
  }
  return { positions, routes };
}

/** Where the layout puts each step. */
export const layoutPositions = (def: TDefinition) => layoutGraph(def).positions;

/** The steps a step may read from: everything upstream of it. */
export function upstreamOf(def: TDefinition, key: string): Set<string> {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const stack = [...(byKey.get(key)?.depends_on ?? [])];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(byKey.get(k)?.depends_on ?? []));
  }
  return seen;
}

/** The steps that depend on a step, directly or not. */
export function downstreamOf(def: TDefinition, key: string): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const s of def.steps) for (const d of s.depends_on) dependents.set(d, [...(dependents.get(d) ?? []), s.key]);
  const seen = new Set<string>();
  const stack = [...(dependents.get(key) ?? [])];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(dependents.get(k) ?? []));
  }
  return seen;
}

/** Whether an edge source → target keeps the graph acyclic (and is not already there). */
export function canConnect(def: TDefinition, source: string, target: string): boolean {
  if (source === target) return false;
  const t = def.steps.find((s) => s.key === target);
  if (!t || !def.steps.some((s) => s.key === source) || t.depends_on.includes(source)) return false;
  return !upstreamOf(def, source).has(target);
}

export const mapStep = (def: TDefinition, key: string, f: (s: TStep) => TStep): TDefinition => ({ ...def, steps: def.steps.map((s) => (s.key === key ? f(s) : s)) });

/** A key not yet used, from a readable base such as `run_sql_2`. */
export function freshKey(def: TDefinition, base: string): string {
  const stem = (base.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "") || "step").slice(0, 70);
  const used = new Set(def.steps.map((s) => s.key));
  for (let n = 1; ; n++) {
    const key = `${stem}_${n}`;
    if (!used.has(key)) return key;
  }
}

export type NewStep = { type: TStep["type"]; action_kind?: string; inputs: Record<string, unknown>; name?: string };

/** Adds a step, after `after` when given (it then depends on it). Returns the new definition and key. */
export function addStep(def: TDefinition, step: NewStep, after?: string | null): { def: TDefinition; key: string } {
  const key = freshKey(def, step.type === "action" ? (step.action_kind ?? "step") : step.type);
  const created: TStep = {
    key,
    type: step.type,
    ...(step.name ? { name: step.name } : {}),
    ...(step.action_kind ? { action_kind: step.action_kind } : {}),
    inputs: step.inputs,
    // After the open step, else after the last one: a new step is connected, never left floating.
    depends_on: after && def.steps.some((s) => s.key === after) ? [after] : def.steps.length ? [def.steps.at(-1)!.key] : [],
    bindings: [],
    parameter_refs: [],
    ...(step.type === "condition" ? { branches: { true: [], false: [] } } : {}),
  };
  return { def: { ...def, steps: [...def.steps, created] }, key };
}

/** Removes a step and every reference to it: dependencies, bindings and branches. */
export function deleteStep(def: TDefinition, key: string): TDefinition {
  return {
    ...def,
    steps: def.steps
      .filter((s) => s.key !== key)
      .map((s) => ({
        ...s,
        depends_on: s.depends_on.filter((d) => d !== key),
        bindings: s.bindings.filter((b) => b.from_step !== key),
        ...(s.branches ? { branches: { true: s.branches.true.filter((t) => t !== key), false: s.branches.false.filter((t) => t !== key) } } : {}),
      })),
  };
}

/** Draws source → target; from a condition, `branch` says which outcome leads there. */
export function connect(def: TDefinition, source: string, target: string, branch?: "true" | "false"): TDefinition {
  if (!canConnect(def, source, target)) return def;
  let next = mapStep(def, target, (s) => ({ ...s, depends_on: [...s.depends_on, source] }));
  const src = next.steps.find((s) => s.key === source)!;
  if (src.type === "condition" && branch) {
    const branches = src.branches ?? { true: [], false: [] };
    next = mapStep(next, source, (s) => ({ ...s, branches: { ...branches, [branch]: [...branches[branch], target] } }));
  }
  return next;
}

/**
 * Deletes the edge source → target: the dependency, the branch, and the bindings that read from
 * `source` (their recorded values stay frozen in the inputs, so nothing is lost).
 */
export function disconnect(def: TDefinition, source: string, target: string): TDefinition {
  let next = mapStep(def, target, (s) => ({ ...s, depends_on: s.depends_on.filter((d) => d !== source), bindings: s.bindings.filter((b) => b.from_step !== source) }));
  next = mapStep(next, source, (s) =>
    s.branches ? { ...s, branches: { true: s.branches.true.filter((t) => t !== target), false: s.branches.false.filter((t) => t !== target) } } : s,
  );
  return next;
}

export function setInputs(def: TDefinition, key: string, inputs: Record<string, unknown>): TDefinition {
  return mapStep(def, key, (s) => ({ ...s, inputs }));
}

export function setStepFields(def: TDefinition, key: string, fields: Partial<Pick<TStep, "name" | "action_kind" | "timeout_ms" | "continue_on_error">>): TDefinition {
  return mapStep(def, key, (s) => ({ ...s, ...fields }));
}

/** Turns a binding back into a frozen value: the value recorded at crystallization stays in the inputs. */
export function unbind(def: TDefinition, key: string, inputPath: string): TDefinition {
  return mapStep(def, key, (s) => {
    const binding = s.bindings.find((b) => b.input_path === inputPath);
    if (!binding || binding.recorded_value === undefined || getPointer(s.inputs, inputPath) !== undefined)
      return { ...s, bindings: s.bindings.filter((b) => b.input_path !== inputPath) };
    const inputs = setAtPointer(s.inputs, inputPath, binding.recorded_value);
    // The path runs through a value that is not an object (e.g. null): dropping the binding
    // would lose the recorded value, so the step stays bound.
    if (inputs === undefined) return s;
    return { ...s, inputs: inputs as TStep["inputs"], bindings: s.bindings.filter((b) => b.input_path !== inputPath) };
  });
}

/** Binds an input to an upstream step's output; the current frozen value becomes the recorded one. */
export function bind(def: TDefinition, key: string, binding: Omit<TBinding, "recorded_value">): TDefinition {
  return mapStep(def, key, (s) => ({
    ...s,
    depends_on: s.depends_on.includes(binding.from_step) || upstreamOf(def, key).has(binding.from_step) ? s.depends_on : [...s.depends_on, binding.from_step],
    bindings: [...s.bindings.filter((b) => b.input_path !== binding.input_path), { ...binding, recorded_value: getPointer(s.inputs, binding.input_path) }],
  }));
}

// JSON Pointer reads and immutable writes, with the engine's semantics (lib/json): what the
// editor shows at a pointer is what a run will read and write there.
export const getPointer = getAtPointer;

/** A copy of `value` with `next` at `pointer`; unchanged when the path runs through a non-container. */
export function setPointer<T>(value: T, pointer: string, next: unknown): T {
  return (setAtPointer(value, pointer, next) ?? value) as T;
}
