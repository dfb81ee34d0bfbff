"use client";
import { BaseEdge, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { memo } from "react";
import type { RoutedEdge as RoutedEdgeType } from "./flow-elements";

type Point = { x: number; y: number };

/**
 * A smooth path from the source handle through the route's bends to the target handle: each
 * bend is a control point, and the curve passes through the midpoints between them, so it keeps
 * clear of the nodes the layout routed it around without sharp corners.
 */
export function routePath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first || rest.length === 0) return "";
  let d = `M ${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const next = rest[i + 1]!;
    const end = i === rest.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q ${p.x},${p.y} ${end.x},${end.y}`;
  }
  if (rest.length === 1) d += ` L ${rest[0]!.x},${rest[0]!.y}`;
  return d;
}

export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<RoutedEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, data, label, labelStyle, labelBgStyle, style, markerEnd, interactionWidth } = props;
  const bends = data?.route.points.slice(1, -1) ?? [];
  const path = routePath([{ x: sourceX, y: sourceY }, ...bends, { x: targetX, y: targetY }]);
  // The label sits where the layout made room for it, else halfway along.
  const mid = bends[Math.floor(bends.length / 2)] ?? { x: (sourceX + targetX) / 2, y: (sourceY + targetY) / 2 };
  const at = data?.route.label ?? mid;
  return (
    <BaseEdge
      path={path}
      label={label}
      labelX={at.x}
      labelY={at.y}
      labelStyle={labelStyle}
      labelBgStyle={labelBgStyle}
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      style={style}
      markerEnd={markerEnd}
      interactionWidth={interactionWidth}
    />
  );
});

/** The edge types beside React Flow's own, at module scope so React Flow never sees a new object. */
export const EDGE_TYPES = { routed: RoutedEdge } satisfies EdgeTypes;
