import type { TDefinition } from "../automations/schemas";

// Side-by-side diff of two versions, step by step: each step's pretty JSON, lines aligned by a
// longest-common-subsequence so unchanged lines sit next to each other.

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

export function alignLines(l: string[], r: string[]): { left: LineDiff[]; right: LineDiff[] } {
  // LCS table, from the ends; steps are small, so O(n·m) is fine.
  const n = l.length;
  const m = r.length;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = l[i] === r[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const left: LineDiff[] = [];
  const right: LineDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && l[i] === r[j]) {
      left.push({ kind: "same", text: l[i++]! });
      right.push({ kind: "same", text: r[j++]! });
    } else if (j < m && (i >= n || t[i]![j + 1]! > t[i + 1]![j]!)) {
      left.push({ kind: "blank", text: "" });
      right.push({ kind: "added", text: r[j++]! });
    } else {
      left.push({ kind: "removed", text: l[i++]! });
      right.push({ kind: "blank", text: "" });
    }
  }
  return { left, right };
}
