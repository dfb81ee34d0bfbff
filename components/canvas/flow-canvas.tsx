"use client";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type OnDelete,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useMemo, useState } from "react";
import type { TDefinition } from "@/lib/automations/schemas";
import type { StepRun } from "@/lib/client/types";
import { canConnect, edgesOf, layoutPositions } from "@/lib/editor/graph";
import { useDark } from "../ui/use-dark";
import { NODE_TYPES, type StepFlowNode } from "./step-node";

type Props = {
  definition: TDefinition;
  selected: string | null;
  onSelect: (key: string | null) => void;
  /** Live step states when drawing a run. */
  stepRuns?: Map<string, StepRun>;
  /** Editing callbacks; without them the canvas is read-only. */
  onConnect?: (source: string, target: string, branch?: "true" | "false") => void;
  onDelete?: (steps: string[], edges: { source: string; target: string }[]) => void;
};

const BRANCH_COLOURS = { true: "#059669", false: "#dc2626" };

/** The DAG of an automation (or a run of it), laid out with dagre. */
export function FlowCanvas({ definition, selected, onSelect, stepRuns, onConnect, onDelete }: Props) {
  const editable = !!onConnect;
  const dark = useDark();
  // Layout depends only on the graph's shape, so typing in a step's inputs does not re-run it.
  const shape = definition.steps.map((s) => `${s.key}<${s.depends_on.join(",")}`).join(";");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => layoutPositions(definition), [shape]);
  const [moved, setMoved] = useState<Map<string, { x: number; y: number }>>(new Map());

  const nodes = useMemo<StepFlowNode[]>(
    () =>
      definition.steps.map((step) => {
        const run = stepRuns?.get(step.key);
        return {
          id: step.key,
          type: step.type,
          position: moved.get(step.key) ?? layout.get(step.key) ?? { x: 0, y: 0 },
          data: { step, status: run?.status, attempts: run?.attempts },
          selected: step.key === selected,
          ariaLabel: `Step ${step.name || step.key}, ${step.type === "action" ? step.action_kind : step.type}${step.nondeterministic && !step.reviewed ? ", needs review" : ""}${run ? `, ${run.status}` : ""}`,
          deletable: editable,
        } as StepFlowNode;
      }),
    [definition.steps, stepRuns, moved, layout, selected, editable],
  );

  const edges = useMemo<Edge[]>(
    () =>
      edgesOf(definition).map((e) => {
        const label = e.branch ?? (e.bindings.length === 1 ? `${e.bindings[0]!.output_path} → ${e.bindings[0]!.input_path}` : e.bindings.length > 1 ? `${e.bindings.length} bindings` : undefined);
        const colour = e.branch ? BRANCH_COLOURS[e.branch] : e.bindings.length ? "#6366f1" : "#94a3b8";
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          sourceHandle: e.branch,
          label,
          ariaLabel: `${e.source} to ${e.target}${label ? `: ${label}` : ""}`,
          labelStyle: { fontSize: 11, fill: colour, fontFamily: "ui-monospace, monospace" },
          labelBgStyle: { fill: "var(--canvas-label-bg)" },
          style: { stroke: colour, strokeWidth: e.bindings.length || e.branch ? 2 : 1.5, strokeDasharray: e.bindings.length || e.branch ? undefined : "4 3" },
          markerEnd: { type: MarkerType.ArrowClosed, color: colour },
          deletable: editable,
        };
      }),
    [definition, editable],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      for (const c of changes) {
        if (c.type === "select") {
          if (c.selected) onSelect(c.id);
          else if (c.id === selected) onSelect(null);
        }
        if (c.type === "position" && c.position) setMoved((m) => new Map(m).set(c.id, c.position!));
      }
    },
    [onSelect, selected],
  );

  const handleConnect = useCallback(
    (c: Connection) => onConnect?.(c.source, c.target, c.sourceHandle === "true" || c.sourceHandle === "false" ? c.sourceHandle : undefined),
    [onConnect],
  );
  const handleDelete: OnDelete<StepFlowNode, Edge> = useCallback(
    ({ nodes: ns, edges: es }) => onDelete?.(ns.map((n) => n.id), es.map((e) => ({ source: e.source, target: e.target }))),
    [onDelete],
  );

  return (
    <div className="h-full w-full [--canvas-label-bg:#ffffff] dark:[--canvas-label-bg:#0f172a]" data-testid="canvas" data-steps={definition.steps.length}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onConnect={editable ? handleConnect : undefined}
        isValidConnection={(c) => canConnect(definition, c.source, c.target)}
        onDelete={editable ? handleDelete : undefined}
        onPaneClick={() => onSelect(null)}
        nodesConnectable={editable}
        deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
        onlyRenderVisibleElements={definition.steps.length > 150}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
        minZoom={0.05}
        colorMode={dark ? "dark" : "light"}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
        {definition.steps.length > 20 && <MiniMap pannable zoomable />}
      </ReactFlow>
    </div>
  );
}
