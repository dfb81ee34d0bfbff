import { compareValues } from "../values/compare-values";

// What the replay check says about one executed step's output against the recorded result.

/** Differences listed per step; more are counted, not listed, so a shifted 10,000-row result stays a small report. */
export const MAX_REPORTED_DIFFERENCES = 50;
/** A differing value longer than this (as JSON) is shown cut, marked `truncated`. */
const MAX_VALUE_CHARS = 500;

export type ReplayDifference = { path: string; change: "changed" | "added" | "removed"; recorded?: unknown; output?: unknown; truncated?: true };

function preview(v: unknown): { value: unknown; cut: boolean } {
  if (v === undefined) return { value: undefined, cut: false };
  const text = JSON.stringify(v) ?? "null";
  if (text.length <= MAX_VALUE_CHARS) return { value: v, cut: false };
  if (typeof v === "string") return { value: `${v.slice(0, MAX_VALUE_CHARS)}…`, cut: true };
  return { value: Array.isArray(v) ? `[${v.length} items]` : `{${Object.keys(v as object).length} keys}`, cut: true };
}

export function reportDifferences(output: unknown, recorded: unknown): { verdict: "equal" } | { verdict: "differs"; differences: ReplayDifference[]; differences_total: number } {
  const cmp = compareValues(recorded, output, { limit: MAX_REPORTED_DIFFERENCES });
  if (cmp.equal) return { verdict: "equal" };
  const differences = cmp.differences.map((d): ReplayDifference => {
    const r = preview(d.before);
    const o = preview(d.after);
    return {
      path: d.path,
      change: d.change,
      ...(d.before !== undefined && { recorded: r.value }),
      ...(d.after !== undefined && { output: o.value }),
      ...((r.cut || o.cut) && { truncated: true as const }),
    };
  });
  return { verdict: "differs", differences, differences_total: cmp.total };
}
