"use client";
import {
  Background,
  Controls,
  Panel,
  ReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type NodeMouseHandler,
  type OnDelete,
  useReactFlow,
  useStore as useFlowStore,
  type ReactFlowState,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useRef } from "react";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/graph";
import { useStore } from "zustand";
import { useDark } from "../ui/use-dark";
import type { CanvasState, CanvasStore } from "./canvas-store";
import { TRIGGER_NODE_ID } from "./flow-elements";
import { NODE_TYPES, type CanvasNode } from "./step-node";
import { CanvasMiniMap } from "./canvas-minimap";
import { EDGE_TYPES } from "./routed-edge";

const MULTI_SELECT_KEYS = ["Shift", "Control", "Meta"];
/** Past this many steps the canvas draws only what is in view. */
const HUGE_CANVAS = 300;
/** Past this many nodes the canvas opens on its top, at READABLE_ZOOM. */
const LONG_CANVAS = 12;
const READABLE_ZOOM = 0.75;
/** Past this many steps the overview is open from the start. */
const OVERVIEW_OPEN = 20;
const EDGE_PAD = 40;

/**
 * The DAG of an automation (or a run of it). It draws what its store holds and reports clicks,
 * drags, connections and deletions back to it; the store decides what they mean.
 */
export function FlowCanvas({ store }: { store: CanvasStore }) {
  const nodes = useStore(store, (s) => s.nodes);
  const edges = useStore(store, (s) => s.edges);
  const layout = useStore(store, (s) => s.layout);
  const steps = useStore(store, (s) => s.stepCount);
  const editable = useStore(store, (s) => s.editable);
  const multi = useStore(store, (s) => s.multi);
  const reveal = useStore(store, (s) => s.reveal);
  const groups = useStore(store, (s) => s.groups.length);
  const grouping = useStore(store, (s) => s.grouping);
  const dark = useDark();

  // The store's actions are read when an event comes, so React Flow is handed the same callbacks
  // every render: a new callback would be a store update every node's selector re-checks.
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const s = store.getState();
      // One click deselects one node and selects another, in the nodes' order: the outcome is read
      // from the whole batch, so the order cannot close the step just opened.
      const now = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      let added: string | undefined;
      let selection = false;
      for (const c of changes) {
        if (c.type === "select" && c.id !== TRIGGER_NODE_ID) {
          selection = true;
          if (c.selected && !now.has(c.id)) added = c.id;
          if (c.selected) now.add(c.id);
          else now.delete(c.id);
        }
        if (c.type === "position" && c.position && c.id !== TRIGGER_NODE_ID) s.nodeMoved(c.id, c.position);
      }
      if (selection) s.selectionChanged(now, added);
    },
    [store],
  );
  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback(
    (e, node) => {
      const s = store.getState();
      if (node.type === "trigger") s.triggerClicked?.();
      else if (node.type === "chain") s.groupClicked?.(node.id);
      else s.stepClicked(node.id, e.shiftKey || e.ctrlKey || e.metaKey);
    },
    [store],
  );
  const isValidConnection = useCallback((c: Edge | Connection) => store.getState().canConnect(c.source, c.target), [store]);
  const onConnect = useCallback(
    (c: Connection) => store.getState().connect?.(c.source, c.target, c.sourceHandle === "true" || c.sourceHandle === "false" ? c.sourceHandle : undefined),
    [store],
  );
  const onDelete: OnDelete<CanvasNode, Edge> = useCallback(
    ({ nodes: ns, edges: es }) => store.getState().remove?.(ns.map((n) => n.id).filter((id) => id !== TRIGGER_NODE_ID), es.map((e) => ({ source: e.source, target: e.target }))),
    [store],
  );
  const onPaneClick = useCallback(() => store.getState().paneClicked(), [store]);

  // A huge graph draws only what is in view: thousands of nodes at once cost the first paint
  // and nobody can read them. The overview shows the rest.
  const huge = steps > HUGE_CANVAS;

  return (
    <div className="h-full w-full [--canvas-label-bg:#ffffff] dark:[--canvas-label-bg:#0f172a]" data-testid="canvas" data-steps={steps}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        multiSelectionKeyCode={multi ? MULTI_SELECT_KEYS : null}
        onConnect={editable ? onConnect : undefined}
        isValidConnection={isValidConnection}
        onDelete={editable ? onDelete : undefined}
        onPaneClick={onPaneClick}
        nodesConnectable={editable}
        deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
        onlyRenderVisibleElements={huge}
        minZoom={0.05}
        colorMode={dark ? "dark" : "light"}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        {groups > 0 && (
          <Panel position="top-right">
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white/90 px-2 py-1 text-xs shadow hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900/90 dark:hover:bg-slate-800"
              onClick={() => store.getState().setGrouping?.(!grouping)}
              title={grouping ? "Draw every step of the long chains" : "Draw each run of steps one after another as a group you open"}
            >
              {grouping ? "Show every step" : `Group long chains (${groups} ${groups === 1 ? "group" : "groups"})`}
            </button>
          </Panel>
        )}
        <FirstView layout={layout} />
        <Reveal steps={reveal} />
        <KeepInView store={store} />
        <Controls />
        <CanvasMiniMap nodes={nodes} dark={dark} startOpen={steps > OVERVIEW_OPEN} />
      </ReactFlow>
    </div>
  );
}

const paneSize = (s: ReactFlowState) => ({ width: s.width, height: s.height });
const samePane = (a: { width: number; height: number }, b: { width: number; height: number }) => a.width === b.width && a.height === b.height;

/**
 * The first view, once the pane has its size. A small graph is fitted whole; a long one (a
 * column of 15 groups, hundreds of steps) opens on its top at a readable zoom, centred when it is
 * narrower than the pane, else from its left edge. (React Flow's own fitView runs as soon as every
 * node has its size, which these nodes carry from the start: before the pane is measured.)
 */
function FirstView({ layout }: { layout: CanvasState["layout"] }) {
  const pane = useFlowStore(paneSize, samePane);
  const { fitView, setViewport } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!pane.width || !pane.height || done.current) return;
    done.current = true;
    if (layout.size <= LONG_CANVAS) return void fitView({ maxZoom: 1, padding: 0.1 });
    const at = [...layout.values()];
    const first = Math.min(...at.map((p) => p.y));
    const left = Math.min(...at.map((p) => p.x));
    const right = Math.max(...at.map((p) => p.x)) + NODE_WIDTH;
    // Room above the first steps for the trigger node.
    const top = first - NODE_HEIGHT - 60;
    const width = (right - left) * READABLE_ZOOM;
    // A graph wider than the pane opens where its first row starts.
    const start = Math.min(...at.filter((p) => p.y <= first + NODE_HEIGHT).map((p) => p.x));
    const x = width + 2 * EDGE_PAD < pane.width ? (pane.width - width) / 2 - left * READABLE_ZOOM : EDGE_PAD - start * READABLE_ZOOM;
    void setViewport({ x, y: EDGE_PAD - top * READABLE_ZOOM, zoom: READABLE_ZOOM });
  }, [pane, layout, fitView, setViewport]);
  return null;
}

/** Fits the view to steps once they are drawn (React Flow waits for new nodes to be measured). */
function Reveal({ steps }: { steps: CanvasState["reveal"] }) {
  const { fitView, getZoom } = useReactFlow();
  useEffect(() => {
    // Never zooms in past what the user chose, above a readable zoom: one new step is not a close-up.
    if (steps?.keys.length) void fitView({ nodes: steps.keys.map((id) => ({ id })), maxZoom: Math.max(getZoom(), READABLE_ZOOM), padding: 0.25 });
  }, [steps, fitView, getZoom]);
  return null;
}

/** The one selected step, or null when none or several are. */
function selectedOne(s: CanvasState): string | null {
  let one: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (one) return null;
    one = n.id;
  }
  return one;
}

/**
 * Keeps the selected step in view. Opening its panel narrows the canvas, which can leave the step
 * under the panel; picking it from the list or search can pick one off screen. The view pans (at
 * the zoom the user chose) only when the step is not wholly in view, so a click on a visible step
 * never moves the canvas under the pointer. Once the user moves the view themselves, a later change
 * of the pane's size (a banner, a resized window) leaves it where they put it; a step being
 * dragged is left alone until it is dropped.
 */
function KeepInView({ store }: { store: CanvasStore }) {
  const selected = useStore(store, selectedOne);
  const pane = useFlowStore(paneSize, samePane);
  const dragging = useFlowStore(anyDragging);
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  // The view as this component last saw or set it, for the step it was for.
  const kept = useRef<{ key: string; x: number; y: number; zoom: number } | null>(null);
  useEffect(() => {
    const node = selected ? getInternalNode(selected) : undefined;
    if (!node || dragging || !pane.width || !pane.height) return;
    const view = getViewport();
    const same = kept.current?.key === selected;
    if (same && (kept.current!.x !== view.x || kept.current!.y !== view.y || kept.current!.zoom !== view.zoom)) return;
    kept.current = { key: node.id, ...view };
    const at = node.internals.positionAbsolute;
    const w = node.measured.width ?? NODE_WIDTH;
    const h = node.measured.height ?? NODE_HEIGHT;
    const left = at.x * view.zoom + view.x;
    const top = at.y * view.zoom + view.y;
    if (left >= 0 && top >= 0 && left + w * view.zoom <= pane.width && top + h * view.zoom <= pane.height) return;
    const to = { x: pane.width / 2 - (at.x + w / 2) * view.zoom, y: pane.height / 2 - (at.y + h / 2) * view.zoom, zoom: view.zoom };
    kept.current = { key: node.id, ...to };
    void setCenter(at.x + w / 2, at.y + h / 2, { zoom: view.zoom, duration: 200 });
  }, [selected, pane, dragging, getInternalNode, getViewport, setCenter]);
  return null;
}

const anyDragging = (s: ReactFlowState) => s.nodes.some((n) => n.dragging);
