import { canonicalJson, isPlainObject } from "../../lib/json";
import { callKey, type ToolCall } from "./world";

// Whether the automation made exactly run 2's calls, compared as multisets of (tool, arguments):
// the engine may order independent steps differently from the agent, so order is not checked.
// Leftovers are paired up by tool into "differs" entries with a short diff of their arguments.

export type Comparison = {
  exact: boolean;
  matched: number;
  missing: ToolCall[];
  extra: ToolCall[];
  differs: { tool: string; diff: string[] }[];
};

export function compareCalls(expected: ToolCall[], received: ToolCall[]): Comparison {
  const pool = new Map<string, number>();
  for (const c of received) pool.set(callKey(c), (pool.get(callKey(c)) ?? 0) + 1);
  const missing: ToolCall[] = [];
  let matched = 0;
  for (const c of expected) {
    const n = pool.get(callKey(c)) ?? 0;
    if (n > 0) {
      pool.set(callKey(c), n - 1);
      matched++;
    } else missing.push(c);
  }
  const extra: ToolCall[] = [];
  const left = new Map(pool);
  for (const c of received) {
    const n = left.get(callKey(c)) ?? 0;
    if (n > 0) {
      left.set(callKey(c), n - 1);
      extra.push(c);
    }
  }
  // A missing call and an extra call of the same tool are most likely one call with other arguments.
  const differs: Comparison["differs"] = [];
  const unpairedMissing: ToolCall[] = [];
  const spare = [...extra];
  for (const m of missing) {
    let best = -1;
    let bestDiff: string[] = [];
    spare.forEach((e, i) => {
      if (e.tool !== m.tool) return;
      const d = diff(m.args, e.args);
      if (best < 0 || d.length < bestDiff.length) [best, bestDiff] = [i, d];
    });
    if (best < 0) unpairedMissing.push(m);
    else {
      differs.push({ tool: m.tool, diff: bestDiff });
      spare.splice(best, 1);
    }
  }
  return { exact: missing.length === 0 && extra.length === 0, matched, missing: unpairedMissing, extra: spare, differs };
}

const short = (v: unknown, max = 70) => {
  const t = v === undefined ? "(absent)" : typeof v === "string" ? JSON.stringify(v) : canonicalJson(v);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** Where two values differ, as `path: expected → got`; long strings show the part around the first difference. */
export function diff(expected: unknown, got: unknown, path = ""): string[] {
  if (canonicalJson(expected) === canonicalJson(got)) return [];
  if (isPlainObject(expected) && isPlainObject(got)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort();
    return keys.flatMap((k) => diff(expected[k], got[k], `${path}/${k}`));
  }
  if (Array.isArray(expected) && Array.isArray(got)) {
    if (expected.length !== got.length) return [`${path || "/"}: ${expected.length} items expected, got ${got.length}`];
    return expected.flatMap((v, i) => diff(v, got[i], `${path}/${i}`));
  }
  if (typeof expected === "string" && typeof got === "string" && (expected.length > 60 || got.length > 60)) {
    let i = 0;
    while (i < expected.length && expected[i] === got[i]) i++;
    const from = Math.max(0, i - 20);
    const cut = (s: string) => `${from > 0 ? "…" : ""}${s.slice(from, i + 30)}${s.length > i + 30 ? "…" : ""}`;
    return [`${path || "/"}: ${JSON.stringify(cut(expected))} → ${JSON.stringify(cut(got))}`];
  }
  return [`${path || "/"}: ${short(expected)} → ${short(got)}`];
}
