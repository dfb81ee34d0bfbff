import { diffArrays } from "diff";
import type { TDefinition } from "../automations/schemas";

// Side-by-side diff of two versions, step by step: each step's pretty JSON, lines aligned so
// unchanged lines sit next to each other.

export type LineDiff = { kind: "same" | "added" | "removed" | "blank"; text: string };
export type StepDiff = { key: string; change: "same" | "added" | "removed" | "changed"; left: LineDiff[]; right: LineDiff[] };

export function diffDefinitions(a: TDefinition, b: TDefinition): StepDiff[] {
  const left = new Map(a.steps.map((s) => [s.key, s]));
  const right = new Map(b.steps.map((s) => [s.key, s]));
  const keys = [...new Set([...a.steps.map((s) => s.key), ...b.steps.map((s) => s.key)])];
  return keys.map((key) => {
    const l = left.has(key) ? JSON.stringify(left.get(key), null, 2).split("\n") : [];
    const r = right.has(key) ? JSON.stringify(right.get(key), null, 2).split("\n") : [];
    const change = !l.length ? "added" : !r.length ? "removed" : l.join("\n") === r.join("\n") ? "same" : "changed";
    return { key, change, ...alignLines(l, r) };
  });
}

/**
 * Lines of two texts side by side, unchanged lines next to each other. Myers' diff (jsdiff) costs
 * O((n+m)·d) for d changed lines; a full LCS table was O(n·m), which a step holding a large
 * result turned into hundreds of millions of cells.
 */
export function alignLines(l: string[], r: string[]): { left: LineDiff[]; right: LineDiff[] } {
  const left: LineDiff[] = [];
  const right: LineDiff[] = [];
  for (const part of diffArrays(l, r)) {
    for (const text of part.value) {
      if (part.added) {
        left.push({ kind: "blank", text: "" });
        right.push({ kind: "added", text });
      } else if (part.removed) {
        left.push({ kind: "removed", text });
        right.push({ kind: "blank", text: "" });
      } else {
        left.push({ kind: "same", text });
        right.push({ kind: "same", text });
      }
    }
  }
  return { left, right };
}
