import { MarkerType, Position as Side, type Edge, type NodeHandle } from "@xyflow/react";
import { needsReview, reviewReason } from "@/lib/automations/derive-metadata";
import type { TDefinition, TStep } from "@/lib/automations/schemas";
import type { StepRun } from "@/lib/client/types";
import { loopEdgeLabel, loopPhrase, loopProgress, sameProgress } from "@/lib/client/loop";
import { edgesOf, NODE_HEIGHT, NODE_WIDTH, type EdgeRoute, type GraphEdge } from "@/lib/editor/graph";
import { stepSubtitle } from "@/lib/editor/step-subtitle";
import type { TriggerSummary } from "@/lib/editor/trigger-summary";
import { describeGroup, type ChainGroup } from "@/lib/editor/chains";
import type { CanvasNode, ChainNode, StepFlowNode, TriggerNode } from "./step-node";

// The canvas's nodes and edges, built from the definition as pure functions. Each build takes the
// previous one and hands back the very objects that would draw the same: React Flow then skips
// them, so an edit or a selection re-renders one node, not all 500, and when nothing drawn
// changed the whole array is the previous one.

export type Position = { x: number; y: number };

/** What the canvas draws, besides the definition itself. */
export type CanvasInputs = {
  definition: TDefinition;
  layout: ReadonlyMap<string, Position>;
  /** Where the user dragged nodes to. */
  moved: ReadonlyMap<string, Position>;
  /** The steps drawn selected. */
  chosen: ReadonlySet<string>;
  /** Live step states when drawing a run. */
  stepRuns?: ReadonlyMap<string, StepRun>;
  /** Steps that cannot run as they stand, and why ("unbound tool: …"). */
  problems?: ReadonlyMap<string, string>;
  editable: boolean;
  /** What starts a run, drawn as a node above the first steps; none in a run's view. */
  trigger?: TriggerSummary | null;
  /** Chains drawn closed, each as one node (the layout places them as one step). */
  closed?: readonly ChainGroup[];
  /** The layout's route for each edge, by edge id: drawn through its bends while neither end was moved. */
  routes?: ReadonlyMap<string, EdgeRoute>;
};

/** An edge drawn along its route (routed-edge.tsx). */
export type RoutedEdge = Edge<{ route: EdgeRoute }, "routed">;

export const TRIGGER_NODE_ID = "__trigger";
/** Past this many edges, only the chosen steps' edges carry their labels (see buildEdges). */
export const LABELLED_EDGES = 200;
const BRANCH_COLOURS = { true: "#059669", false: "#dc2626" };
const ORIGIN = { x: 0, y: 0 };
const TRIGGER_GAP = 60;

/** Whether two versions of a step draw the same node (see NodeBody: kind, name, review state, loop). */
const drawnAlike = (a: TStep, b: TStep) =>
  a === b ||
  (a.type === b.type &&
    a.action_kind === b.action_kind &&
    a.name === b.name &&
    a.provider_id === b.provider_id &&
    stepSubtitle(a) === stepSubtitle(b) &&
    reviewReason(a) === reviewReason(b) &&
    !!a.reviewed === !!b.reviewed &&
    (a.for_each === b.for_each || (!!a.for_each && !!b.for_each && loopPhrase(a.for_each.items) === loopPhrase(b.for_each.items))));

// Where each node's handles sit (step-node.tsx: the target on top, the sources beneath, a
// condition's two at 30% and 70%). Known up front, a node needs no drawing to have its edges
// placed: React Flow otherwise draws every node once to measure them, which on thousands of
// steps is most of the time the canvas takes to open.
const HANDLE = 6;
const handle = (type: "source" | "target", at: number, id?: string): NodeHandle => ({
  type,
  id: id ?? null,
  position: type === "target" ? Side.Top : Side.Bottom,
  x: NODE_WIDTH * at - HANDLE / 2,
  y: type === "target" ? -HANDLE / 2 : NODE_HEIGHT - HANDLE / 2,
  width: HANDLE,
  height: HANDLE,
});
/** Every node's size as React Flow would measure it: told up front, a node it never drew still counts as ready (fitView waits for that). */
const MEASURED = { width: NODE_WIDTH, height: NODE_HEIGHT };
const STEP_HANDLES = [handle("target", 0.5), handle("source", 0.5)];
const CONDITION_HANDLES = [handle("target", 0.5), handle("source", 0.3, "true"), handle("source", 0.7, "false")];
const TRIGGER_HANDLES = [handle("source", 0.5)];

/** The node of a step's type: one case per type, so a new step type must be drawn to compile. */
function flowNode(type: TStep["type"], base: Omit<StepFlowNode, "type">): StepFlowNode {
  switch (type) {
    case "action":
      return { ...base, type, handles: STEP_HANDLES };
    case "approval_gate":
      return { ...base, type, handles: STEP_HANDLES };
    case "condition":
      return { ...base, type, handles: CONDITION_HANDLES };
  }
}

/** The steps nothing runs before: the trigger starts them. */
const rootsOf = (def: TDefinition) => def.steps.filter((s) => s.depends_on.length === 0).map((s) => s.key);

/** The trigger sits centred above the first steps, a gap higher than the highest of them. */
function triggerPosition(inputs: CanvasInputs, roots: string[]): Position {
  const at = roots.map((k) => inputs.moved.get(k) ?? inputs.layout.get(k) ?? ORIGIN);
  if (at.length === 0) return ORIGIN;
  const xs = at.map((p) => p.x);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: Math.min(...at.map((p) => p.y)) - NODE_HEIGHT - TRIGGER_GAP };
}

const groupIndex = (groups: readonly ChainGroup[] | undefined) => {
  const out = new Map<string, ChainGroup>();
  for (const g of groups ?? []) for (const k of g.keys) out.set(k, g);
  return out;
};

/** A closed chain: how many steps, what they do, and how many need review or cannot run. */
function chainNode(old: CanvasNode | undefined, group: ChainGroup, inputs: CanvasInputs, byKey: ReadonlyMap<string, TStep>): ChainNode {
  const { layout, moved, problems, chosen } = inputs;
  const position = moved.get(group.id) ?? layout.get(group.id) ?? ORIGIN;
  const inGroup = group.keys.flatMap((k) => byKey.get(k) ?? []);
  const data = {
    keys: group.keys,
    detail: describeGroup(byKey, group.keys),
    toReview: inGroup.filter((s) => needsReview(s) && !s.reviewed).length,
    problems: group.keys.filter((k) => problems?.has(k)).length,
    chosen: group.keys.some((k) => chosen.has(k)),
  };
  const last = old?.type === "chain" ? old : undefined;
  if (
    last &&
    last.position === position &&
    last.data.keys === group.keys &&
    last.data.detail === data.detail &&
    last.data.toReview === data.toReview &&
    last.data.problems === data.problems &&
    last.data.chosen === data.chosen
  )
    return last;
  return {
    id: group.id,
    type: "chain",
    position,
    data,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    measured: MEASURED,
    handles: STEP_HANDLES,
    ariaLabel: `${group.keys.length} steps, ${group.keys[0]} to ${group.keys[group.keys.length - 1]}: ${data.detail}. Open the group to see them`,
    selectable: false,
    deletable: false,
    connectable: false,
  };
}

export function buildNodes(prev: readonly CanvasNode[], inputs: CanvasInputs): CanvasNode[] {
  const { definition, stepRuns, moved, layout, chosen, editable, problems, trigger } = inputs;
  const before = new Map(prev.map((n) => [n.id, n]));
  let reused = 0;
  const groupOf = groupIndex(inputs.closed);
  const byKey = groupOf.size ? new Map(definition.steps.map((s) => [s.key, s])) : new Map<string, TStep>();
  const out: CanvasNode[] = [];
  for (const step of definition.steps) {
    const group = groupOf.get(step.key);
    if (group) {
      if (group.keys[0] === step.key) {
        const node = chainNode(before.get(group.id), group, inputs, byKey);
        if (node === before.get(group.id)) reused++;
        out.push(node);
      }
      continue;
    }
    const run = stepRuns?.get(step.key);
    const position = moved.get(step.key) ?? layout.get(step.key) ?? ORIGIN;
    const isSelected = chosen.has(step.key);
    const loop = step.for_each ? loopProgress(run?.items) : undefined;
    const old = before.get(step.key);
    const last = old && old.type !== "trigger" && old.type !== "chain" ? old : undefined;
    // A node shows a step's kind, name and review state, not its inputs: typing in the inputs
    // keeps the node as it was.
    if (
      last &&
      drawnAlike(last.data.step, step) &&
      last.data.problem === problems?.get(step.key) &&
      last.data.status === run?.status &&
      last.data.attempts === run?.attempts &&
      sameProgress(last.data.loop, loop) &&
      last.position === position &&
      last.selected === isSelected &&
      last.deletable === editable
    ) {
      reused++;
      out.push(last);
      continue;
    }
    out.push(
      flowNode(step.type, {
      id: step.key,
      position,
      data: { step, status: run?.status, attempts: run?.attempts, loop, problem: problems?.get(step.key) },
      // Every node is this size (NodeBody): known up front, a node off screen needs no measuring.
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: MEASURED,
      selected: isSelected,
      ariaLabel: `Step ${step.name || step.key}, ${step.type === "action" ? step.action_kind : step.type}${step.for_each ? `, ${loopPhrase(step.for_each.items)}` : ""}${needsReview(step) && !step.reviewed ? ", needs review" : ""}${run ? `, ${run.status}` : ""}`,
      deletable: editable,
      }),
    );
  }
  if (trigger && definition.steps.length > 0) {
    const position = triggerPosition(inputs, rootsOf(definition).map((k) => groupOf.get(k)?.id ?? k));
    const old = before.get(TRIGGER_NODE_ID);
    const last = old?.type === "trigger" ? old : undefined;
    if (last && last.data.label === trigger.label && last.data.detail === trigger.detail && last.position.x === position.x && last.position.y === position.y) {
      reused++;
      out.push(last);
    } else {
      const node: TriggerNode = {
        id: TRIGGER_NODE_ID,
        type: "trigger",
        position,
        data: trigger,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        measured: MEASURED,
        handles: TRIGGER_HANDLES,
        ariaLabel: `Trigger: ${trigger.label}${trigger.detail ? `, ${trigger.detail}` : ""}`,
        deletable: false,
        draggable: false,
        selectable: false,
        connectable: false,
      };
      out.push(node);
    }
  }
  return reused === out.length && out.length === prev.length ? (prev as CanvasNode[]) : out;
}

/** The words on each edge of a definition (a group's edges are its steps'). */
export function edgeWords(def: TDefinition): (e: GraphEdge) => string | undefined {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  return (e) => edgeLabel(e, byKey.get(e.target));
}

/** "/reservations → each item" on the edge that carries a loop's list, beside any bindings it carries. */
function edgeLabel(e: GraphEdge, target: TStep | undefined): string | undefined {
  if (e.branch) return e.branch;
  const items = target?.for_each?.items;
  const loop = items && "from_step" in items && items.from_step === e.source ? loopEdgeLabel(items) : undefined;
  const bound = e.bindings.length === 1 ? `${e.bindings[0]!.output_path} → ${e.bindings[0]!.input_path}` : e.bindings.length > 1 ? `${e.bindings.length} bindings` : undefined;
  return loop && bound ? `${loop}; ${bound}` : (loop ?? bound);
}

export function buildEdges(prev: readonly Edge[], inputs: CanvasInputs): Edge[] {
  const { definition, chosen, editable, trigger } = inputs;
  const before = new Map(prev.map((e) => [e.id, e]));
  let reused = 0;
  const byKey = new Map(definition.steps.map((s) => [s.key, s]));
  const groupOf = groupIndex(inputs.closed);
  // A closed group stands for its steps: an edge into its first step or out of its last is the
  // group's, and the edges between its steps are not drawn.
  const all = edgesOf(definition).flatMap((e) => {
    const source = groupOf.get(e.source)?.id ?? e.source;
    const target = groupOf.get(e.target)?.id ?? e.target;
    if (source === target) return [];
    return source === e.source && target === e.target ? [e] : [{ ...e, id: `${source}->${target}`, source, target }];
  });
  // Each label is measured in the SVG as it is drawn: hundreds of them cost the first paint more
  // than the nodes do. A big graph labels the edges of the steps chosen; every edge keeps its
  // words for screen readers.
  const quiet = all.length > LABELLED_EDGES;
  const out = all.map((e) => {
    const words = edgeLabel(e, byKey.get(e.target) ?? byKey.get(groupOf.get(e.target)?.keys[0] ?? ""));
    const label = quiet && !chosen.has(e.source) && !chosen.has(e.target) ? undefined : words;
    const carries = e.bindings.length > 0 || words !== undefined;
    const last = before.get(e.id);
    // An edge into or out of a closed group stands for one its steps keep: it is not deleted from here.
    // (Step keys have no ":", so an end named "chain:…" is a group.)
    const deletable = editable && !e.source.startsWith("chain:") && !e.target.startsWith("chain:");
    const route = inputs.moved.has(e.source) || inputs.moved.has(e.target) ? undefined : inputs.routes?.get(e.id);
    if (last && last.label === label && last.sourceHandle === e.branch && last.deletable === deletable && last.ariaLabel === ariaOf(e, words) && last.data?.route === route) {
      reused++;
      return last;
    }
    const colour = e.branch ? BRANCH_COLOURS[e.branch] : carries ? "#6366f1" : "#94a3b8";
    const edge: Edge = {
      ...(route ? { type: "routed", data: { route } } : {}),
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.branch,
      label,
      ariaLabel: ariaOf(e, words),
      labelStyle: { fontSize: 11, fill: colour, fontFamily: "ui-monospace, monospace" },
      labelBgStyle: { fill: "var(--canvas-label-bg)" },
      style: { stroke: colour, strokeWidth: carries ? 2 : 1.5, strokeDasharray: carries ? undefined : "4 3" },
      markerEnd: { type: MarkerType.ArrowClosed, color: colour },
      deletable,
    };
    return edge;
  });
  if (trigger && definition.steps.length > 0) {
    for (const root of new Set(rootsOf(definition).map((k) => groupOf.get(k)?.id ?? k))) {
      const id = `${TRIGGER_NODE_ID}->${root}`;
      const last = before.get(id);
      if (last) {
        reused++;
        out.push(last);
      } else
        out.push({
          id,
          source: TRIGGER_NODE_ID,
          target: root,
          ariaLabel: `trigger starts ${root}`,
          className: "trigger-edge",
          style: { stroke: "#0ea5e9", strokeWidth: 1.5 },
          markerEnd: { type: MarkerType.ArrowClosed, color: "#0ea5e9" },
          deletable: false,
          selectable: false,
        });
    }
  }
  return reused === out.length && out.length === prev.length ? (prev as Edge[]) : out;
}

const ariaOf = (e: GraphEdge, words: string | undefined) => `${e.source} to ${e.target}${words ? `: ${words}` : ""}`;
