"use client";
import { Panel, useReactFlow, useStore as useFlowStore, type ReactFlowState } from "@xyflow/react";
import { Map as MapIcon, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from "react";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/graph";
import type { CanvasNode } from "./step-node";

// The overview of the whole graph, drawn on one <canvas>: a rectangle per node and the part in
// view. React Flow's own minimap is an SVG element and a store subscription per node, which on
// thousands of steps costs the first paint and every zoom frame more than the canvas itself.

const WIDTH = 200;
const HEIGHT = 150;
const PAD = 6;

type Box = { x: number; y: number; w: number; h: number };

const viewSelector = (s: ReactFlowState) => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const sameView = (a: ReturnType<typeof viewSelector>, b: ReturnType<typeof viewSelector>) => a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

function colourOf(n: CanvasNode, dark: boolean): string {
  if (n.type === "trigger") return "#0ea5e9";
  if (n.type === "chain") return n.data.chosen ? "#6366f1" : n.data.problems ? "#ef4444" : dark ? "#475569" : "#64748b";
  if (n.selected) return "#6366f1";
  if (n.data.problem) return "#ef4444";
  if (n.type === "approval_gate") return "#f59e0b";
  if (n.type === "condition") return "#8b5cf6";
  return dark ? "#64748b" : "#94a3b8";
}

const toggleClass =
  "nodrag nopan inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white/90 text-xs shadow hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900/90 dark:hover:bg-slate-800";

/**
 * The overview, at any size of graph: open from the start on a graph too big to see at once
 * (`startOpen`), a button away on a small one, where it would only sit over the steps.
 */
export function CanvasMiniMap({ nodes, dark, startOpen }: { nodes: readonly CanvasNode[]; dark: boolean; startOpen: boolean }) {
  // Until the user opens or hides it, it follows the graph's size: a draft grown past the mark opens it.
  const [chosen, setOpen] = useState<boolean | null>(null);
  return (
    <Panel position="bottom-right">
      {(chosen ?? startOpen) ? (
        <div className="relative">
          <MiniMapCanvas nodes={nodes} dark={dark} />
          <button type="button" aria-label="Hide the overview" title="Hide the overview" onClick={() => setOpen(false)} className={`absolute top-1 right-1 p-0.5 ${toggleClass}`}>
            <X className="size-3" aria-hidden />
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setOpen(true)} className={`px-2 py-1 ${toggleClass}`}>
          <MapIcon className="size-3.5" aria-hidden /> Show the overview
        </button>
      )}
    </Panel>
  );
}

function MiniMapCanvas({ nodes, dark }: { nodes: readonly CanvasNode[]; dark: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useFlowStore(viewSelector, sameView);
  const { setViewport, getViewport } = useReactFlow();
  // The graph's extent, in flow coordinates.
  const graph = useMemo<Box>(() => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of nodes) {
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + (n.width ?? NODE_WIDTH));
      y1 = Math.max(y1, n.position.y + (n.height ?? NODE_HEIGHT));
    }
    return nodes.length ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: 1, h: 1 };
  }, [nodes]);
  // The part in view, in flow coordinates; the map shows it together with the graph.
  const seen: Box = { x: -view.x / view.zoom, y: -view.y / view.zoom, w: view.width / view.zoom, h: view.height / view.zoom };
  const x0 = Math.min(graph.x, seen.x), y0 = Math.min(graph.y, seen.y);
  const w = Math.max(graph.x + graph.w, seen.x + seen.w) - x0, h = Math.max(graph.y + graph.h, seen.y + seen.h) - y0;
  const scale = Math.max(w / (WIDTH - 2 * PAD), h / (HEIGHT - 2 * PAD));
  const ox = PAD + (WIDTH - 2 * PAD - w / scale) / 2 - x0 / scale;
  const oy = PAD + (HEIGHT - 2 * PAD - h / scale) / 2 - y0 / scale;

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = WIDTH * ratio;
    el.height = HEIGHT * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = dark ? "#0f172a" : "#ffffff";
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    for (const n of nodes) {
      ctx.fillStyle = colourOf(n, dark);
      ctx.fillRect(ox + n.position.x / scale, oy + n.position.y / scale, Math.max(1, (n.width ?? NODE_WIDTH) / scale), Math.max(1, (n.height ?? NODE_HEIGHT) / scale));
    }
    ctx.strokeStyle = dark ? "#e2e8f0" : "#334155";
    ctx.lineWidth = 1.5;
    // Never thinner than a few pixels, so the view is found on a map of thousands of steps.
    const vw = Math.max(8, seen.w / scale), vh = Math.max(6, seen.h / scale);
    ctx.strokeRect(ox + (seen.x + seen.w / 2) / scale - vw / 2, oy + (seen.y + seen.h / 2) / scale - vh / 2, vw, vh);
    el.dataset.drawn = String(nodes.length);
  }, [nodes, dark, ox, oy, scale, seen.x, seen.y, seen.w, seen.h]);

  /** Centres the view on the point of the map under the pointer. */
  const moveTo = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - r.left - ox) * scale, fy = (e.clientY - r.top - oy) * scale;
    const { zoom } = getViewport();
    void setViewport({ x: view.width / 2 - fx * zoom, y: view.height / 2 - fy * zoom, zoom });
  };
  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    const { x, y, zoom } = getViewport();
    const next = Math.min(2, Math.max(0.05, zoom * (e.deltaY > 0 ? 0.9 : 1.1)));
    // Zoom about the middle of the view.
    const cx = view.width / 2, cy = view.height / 2;
    void setViewport({ x: cx - ((cx - x) / zoom) * next, y: cy - ((cy - y) / zoom) * next, zoom: next });
  };

  return (
    <canvas
      ref={canvas}
      data-testid="minimap"
      role="img"
      aria-label={`Overview of ${nodes.length} nodes: click or drag to move the view, scroll to zoom`}
      style={{ width: WIDTH, height: HEIGHT }}
      className="nowheel nopan nodrag block cursor-grab rounded-md border border-slate-300 shadow dark:border-slate-700"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => e.buttons === 1 && moveTo(e)}
      onWheel={onWheel}
    />
  );
}
