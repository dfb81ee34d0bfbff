"use client";
import { needsReview, reviewReason } from "@/lib/automations/derive-metadata";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
  type OnDelete,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { TDefinition, TStep } from "@/lib/automations/schemas";
import type { StepRun } from "@/lib/client/types";
import { loopEdgeLabel, loopPhrase, loopProgress, sameProgress } from "@/lib/client/loop";
import { canConnect, edgesOf, layoutPositions, NODE_HEIGHT, NODE_WIDTH, type GraphEdge } from "@/lib/editor/graph";
import { useDark } from "../ui/use-dark";
import { stepSubtitle } from "@/lib/editor/step-subtitle";
import { NODE_TYPES, type StepFlowNode } from "./step-node";

type Props = {
  definition: TDefinition;
  /** The step whose details are open. */
  selected: string | null;
  onSelect: (key: string | null) => void;
  /**
   * With `onPick`, Shift-, Ctrl- or Meta-click picks several steps: `picked` are drawn selected
   * (instead of `selected`), and every change of selection reports the whole set, in step order.
   */
  picked?: readonly string[];
  onPick?: (keys: string[]) => void;
  /** Each new value brings these steps into view: an edit that replaced steps shows what it made. */
  reveal?: { keys: readonly string[] } | null;
  /** Live step states when drawing a run. */
  stepRuns?: Map<string, StepRun>;
  /** Editing callbacks; without them the canvas is read-only. */
  onConnect?: (source: string, target: string, branch?: "true" | "false") => void;
  onDelete?: (steps: string[], edges: { source: string; target: string }[]) => void;
  /** Steps that cannot run as they stand, and why ("unbound tool: …"): drawn with a red marker. */
  problems?: ReadonlyMap<string, string>;
};

const BRANCH_COLOURS = { true: "#059669", false: "#dc2626" };
const ORIGIN = { x: 0, y: 0 };
const MULTI_SELECT_KEYS = ["Shift", "Control", "Meta"];
/** Past this many edges, only the picked steps' edges carry their labels (see edges below). */
const LABELLED_EDGES = 200;
/** Past this many steps the canvas opens on its first FIRST_VIEW steps and draws only what is in view. */
const HUGE_CANVAS = 300;
const FIRST_VIEW = 20;

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

/** "/reservations → each item" on the edge that carries a loop's list, beside any bindings it carries. */
function edgeLabel(e: GraphEdge, target: TStep | undefined): string | undefined {
  if (e.branch) return e.branch;
  const items = target?.for_each?.items;
  const loop = items && "from_step" in items && items.from_step === e.source ? loopEdgeLabel(items) : undefined;
  const bound = e.bindings.length === 1 ? `${e.bindings[0]!.output_path} → ${e.bindings[0]!.input_path}` : e.bindings.length > 1 ? `${e.bindings.length} bindings` : undefined;
  return loop && bound ? `${loop}; ${bound}` : (loop ?? bound);
}

/** The node of a step's type: one case per type, so a new step type must be drawn to compile. */
function flowNode(type: TStep["type"], base: Omit<StepFlowNode, "type">): StepFlowNode {
  switch (type) {
    case "action":
      return { ...base, type };
    case "approval_gate":
      return { ...base, type };
    case "condition":
      return { ...base, type };
  }
}

/** The DAG of an automation (or a run of it), laid out with dagre. */
export function FlowCanvas({ definition, selected, onSelect, picked, onPick, reveal, stepRuns, onConnect, onDelete, problems }: Props) {
  const editable = !!onConnect;
  const multi = !!onPick;
  const chosen = useMemo(() => new Set(picked ?? (selected ? [selected] : [])), [picked, selected]);
  const dark = useDark();
  // Layout depends only on the graph's shape, so typing in a step's inputs does not re-run it.
  const shape = definition.steps.map((s) => `${s.key}<${s.depends_on.join(",")}`).join(";");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => layoutPositions(definition), [shape]);
  const [moved, setMoved] = useState<Map<string, { x: number; y: number }>>(new Map());

  // Node and edge objects are reused while what they show is unchanged: React Flow then skips
  // them, so an edit or a selection re-renders one node, not all 500.
  // The caches are read and written during render on purpose. They decide only which object
  // stands for a node, never what it draws: an object is reused only when it draws the same as a
  // fresh one would, so a render React throws away leaves them still correct.
  /* eslint-disable react-hooks/refs -- render-time identity caches, see above */
  const nodeCache = useRef(new Map<string, StepFlowNode>());
  const lastNodes = useRef<StepFlowNode[]>([]);
  const nodes = useMemo<StepFlowNode[]>(() => {
    const next = new Map<string, StepFlowNode>();
    let reused = 0;
    const out = definition.steps.map((step) => {
      const run = stepRuns?.get(step.key);
      const position = moved.get(step.key) ?? layout.get(step.key) ?? ORIGIN;
      const isSelected = chosen.has(step.key);
      const loop = step.for_each ? loopProgress(run?.items) : undefined;
      const prev = nodeCache.current.get(step.key);
      // A node shows a step's kind, name and review state, not its inputs: typing in the inputs
      // keeps the node (and, when nothing else changed, the whole array) as it was.
      const node =
        prev && drawnAlike(prev.data.step, step) && prev.data.problem === problems?.get(step.key) && prev.data.status === run?.status && prev.data.attempts === run?.attempts && sameProgress(prev.data.loop, loop) && prev.position === position && prev.selected === isSelected && prev.deletable === editable
          ? prev
          : flowNode(step.type, {
              id: step.key,
              position,
              data: { step, status: run?.status, attempts: run?.attempts, loop, problem: problems?.get(step.key) },
              // Every node is this size (NodeBody): known up front, a node off screen needs no measuring.
              width: NODE_WIDTH,
              height: NODE_HEIGHT,
              selected: isSelected,
              ariaLabel: `Step ${step.name || step.key}, ${step.type === "action" ? step.action_kind : step.type}${step.for_each ? `, ${loopPhrase(step.for_each.items)}` : ""}${needsReview(step) && !step.reviewed ? ", needs review" : ""}${run ? `, ${run.status}` : ""}`,
              deletable: editable,
            });
      if (node === prev) reused++;
      next.set(step.key, node);
      return node;
    });
    nodeCache.current = next;
    if (reused === out.length && out.length === lastNodes.current.length) return lastNodes.current;
    lastNodes.current = out;
    return out;
  }, [definition.steps, stepRuns, moved, layout, chosen, editable, problems]);

  const edgeCache = useRef(new Map<string, Edge>());
  const lastEdges = useRef<Edge[]>([]);
  const edges = useMemo<Edge[]>(() => {
    const next = new Map<string, Edge>();
    let reused = 0;
    const byKey = new Map(definition.steps.map((s) => [s.key, s]));
    const all = edgesOf(definition);
    // Each label is measured in the SVG as it is drawn: hundreds of them cost the first paint more
    // than the nodes do. A big graph labels the edges of the steps picked; every edge keeps its
    // words for screen readers.
    const quiet = all.length > LABELLED_EDGES;
    const out = all.map((e) => {
      const words = edgeLabel(e, byKey.get(e.target));
      const label = quiet && !chosen.has(e.source) && !chosen.has(e.target) ? undefined : words;
      const carries = e.bindings.length > 0 || words !== undefined;
      const prev = edgeCache.current.get(e.id);
      if (prev && prev.label === label && prev.sourceHandle === e.branch && prev.deletable === editable) {
        reused++;
        next.set(e.id, prev);
        return prev;
      }
      const colour = e.branch ? BRANCH_COLOURS[e.branch] : carries ? "#6366f1" : "#94a3b8";
      const edge: Edge = {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.branch,
        label,
        ariaLabel: `${e.source} to ${e.target}${words ? `: ${words}` : ""}`,
        labelStyle: { fontSize: 11, fill: colour, fontFamily: "ui-monospace, monospace" },
        labelBgStyle: { fill: "var(--canvas-label-bg)" },
        style: { stroke: colour, strokeWidth: carries ? 2 : 1.5, strokeDasharray: carries ? undefined : "4 3" },
        markerEnd: { type: MarkerType.ArrowClosed, color: colour },
        deletable: editable,
      };
      next.set(e.id, edge);
      return edge;
    });
    edgeCache.current = next;
    if (reused === out.length && out.length === lastEdges.current.length) return lastEdges.current;
    lastEdges.current = out;
    return out;
  }, [definition, editable, chosen]);
  /* eslint-enable react-hooks/refs */

  // React Flow copies its callbacks into its store, and a new callback is a store update that
  // every node's selector re-checks: the callbacks stay the same and read the latest props.
  const latest = useRef({ definition, selected, chosen, onSelect, onPick, onConnect, onDelete });
  useLayoutEffect(() => {
    latest.current = { definition, selected, chosen, onSelect, onPick, onConnect, onDelete };
  });
  const isValidConnection = useCallback((c: Edge | Connection) => canConnect(latest.current.definition, c.source, c.target), []);
  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => {
    // One click deselects one node and selects another, in the nodes' order: the outcome is read
    // from the whole batch, so the order cannot close the step just opened.
    const { definition: def, selected: open, chosen: before, onSelect: select, onPick: pick } = latest.current;
    const next = new Set(before);
    let added: string | undefined;
    let selection = false;
    for (const c of changes) {
      if (c.type === "select") {
        selection = true;
        if (c.selected && !next.has(c.id)) added = c.id;
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      if (c.type === "position" && c.position) setMoved((m) => new Map(m).set(c.id, c.position!));
    }
    if (!selection) return;
    if (pick) pick(def.steps.map((s) => s.key).filter((k) => next.has(k)));
    else select(added ?? (open && next.has(open) ? open : null));
  }, []);
  // React Flow leaves a multi-selection alone when one of its nodes is clicked; a plain click
  // picks that step alone, as it does anywhere else.
  const onNodeClick: NodeMouseHandler<StepFlowNode> = useCallback((e, node) => {
    const { chosen: now, onPick: pick } = latest.current;
    if (pick && !(e.shiftKey || e.ctrlKey || e.metaKey) && now.size > 1) pick([node.id]);
  }, []);
  const handleConnect = useCallback(
    (c: Connection) => latest.current.onConnect?.(c.source, c.target, c.sourceHandle === "true" || c.sourceHandle === "false" ? c.sourceHandle : undefined),
    [],
  );
  const handleDelete: OnDelete<StepFlowNode, Edge> = useCallback(
    ({ nodes: ns, edges: es }) => latest.current.onDelete?.(ns.map((n) => n.id), es.map((e) => ({ source: e.source, target: e.target }))),
    [],
  );
  const onPaneClick = useCallback(() => {
    const { onPick: pick, onSelect: select } = latest.current;
    if (pick) pick([]);
    else select(null);
  }, []);

  // A huge graph opens on its first steps, drawn at a readable size, and draws only what is in
  // view: all of it at once is thousands of nodes nobody can read. The minimap shows the rest.
  const huge = definition.steps.length > HUGE_CANVAS;
  const fitOptions = useMemo(() => {
    if (!huge) return { maxZoom: 1, padding: 0.1 };
    const first = [...layout.entries()].sort((a, b) => a[1].y - b[1].y || a[1].x - b[1].x).slice(0, FIRST_VIEW);
    return { maxZoom: 1, minZoom: 0.4, padding: 0.1, nodes: first.map(([id]) => ({ id })) };
  }, [huge, layout]);

  return (
    <div className="h-full w-full [--canvas-label-bg:#ffffff] dark:[--canvas-label-bg:#0f172a]" data-testid="canvas" data-steps={definition.steps.length}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        multiSelectionKeyCode={multi ? MULTI_SELECT_KEYS : null}
        onConnect={editable ? handleConnect : undefined}
        isValidConnection={isValidConnection}
        onDelete={editable ? handleDelete : undefined}
        onPaneClick={onPaneClick}
        nodesConnectable={editable}
        deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
        fitView
        fitViewOptions={fitOptions}
        onlyRenderVisibleElements={huge}
        minZoom={0.05}
        colorMode={dark ? "dark" : "light"}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Reveal steps={reveal} />
        <Controls />
        {definition.steps.length > 20 && <MiniMap pannable zoomable />}
      </ReactFlow>
    </div>
  );
}

/** Fits the view to steps once they are drawn (React Flow waits for new nodes to be measured). */
function Reveal({ steps }: { steps: Props["reveal"] }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (steps?.keys.length) void fitView({ nodes: steps.keys.map((id) => ({ id })), maxZoom: 1, padding: 0.25 });
  }, [steps, fitView]);
  return null;
}
