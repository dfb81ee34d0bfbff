import { describe, expect, it } from "vitest";
import { compareValues } from "./compare-values";
import { MAX_REPORTED_DIFFERENCES, reportDifferences } from "../engine/report-differences";

describe("compareValues", () => {
  it("treats objects with the same entries in another key order as equal", () => {
    const recorded = { columns: ["month", "revenue"], rows: [{ month: "2026-07", revenue: 182340.5 }], row_count: 1 };
    const output = { row_count: 1, rows: [{ revenue: 182340.5, month: "2026-07" }], columns: ["month", "revenue"] };
    expect(compareValues(recorded, output)).toEqual({ equal: true, differences: [], total: 0 });
  });

  it("names the nested path of a number that changed, with both values", () => {
    const recorded = { rows: [{ month: "2026-07", revenue: 182340.5 }, { month: "2026-08", revenue: 90000 }] };
    const output = { rows: [{ month: "2026-07", revenue: 178849.55 }, { month: "2026-08", revenue: 90000 }] };
    expect(compareValues(recorded, output)).toEqual({
      equal: false,
      total: 1,
      differences: [{ path: "/rows/0/revenue", change: "changed", before: 182340.5, after: 178849.55 }],
    });
  });

  it("compares numbers by value: 1 and 1.0 are equal, 0.1+0.2 and 0.3 are not, a number and its text differ", () => {
    expect(compareValues({ n: 1 }, { n: 1.0 }).equal).toBe(true);
    expect(compareValues(0, -0).equal).toBe(true);
    expect(compareValues(0.3, 0.1 + 0.2).differences).toEqual([{ path: "", change: "changed", before: 0.3, after: 0.1 + 0.2 }]);
    expect(compareValues({ n: 5 }, { n: "5" }).differences).toEqual([{ path: "/n", change: "changed", before: 5, after: "5" }]);
  });

  it("compares arrays element by element: order counts, and extra or missing elements are added or removed", () => {
    expect(compareValues([1, 2], [2, 1]).differences.map((d) => d.path)).toEqual(["/0", "/1"]);
    expect(compareValues([1], [1, { id: "R-2" }]).differences).toEqual([{ path: "/1", change: "added", after: { id: "R-2" } }]);
    expect(compareValues([1, 2, 3], [1]).differences).toEqual([
      { path: "/1", change: "removed", before: 2 },
      { path: "/2", change: "removed", before: 3 },
    ]);
  });

  it("reports keys only one side has, a type change as one difference, and lists differences in document order", () => {
    const cmp = compareValues({ a: { x: 1 }, b: [1], c: null, d: 1 }, { a: { x: 2, y: 1 }, b: { 0: 1 }, c: 0, e: true });
    expect(cmp.differences).toEqual([
      { path: "/a/x", change: "changed", before: 1, after: 2 },
      { path: "/a/y", change: "added", after: 1 },
      { path: "/b", change: "changed", before: [1], after: { 0: 1 } },
      { path: "/c", change: "changed", before: null, after: 0 },
      { path: "/d", change: "removed", before: 1 },
      { path: "/e", change: "added", after: true },
    ]);
  });

  it("escapes / and ~ in keys as JSON Pointer does", () => {
    expect(compareValues({ "a/b": { "~c": 1 } }, { "a/b": { "~c": 2 } }).differences[0]!.path).toBe("/a~1b/~0c");
  });

  it("lists at most `limit` differences but counts them all", () => {
    const before = Array.from({ length: 500 }, (_, i) => i);
    const after = before.map((i) => i + 1);
    const cmp = compareValues(before, after, { limit: 3 });
    expect(cmp.total).toBe(500);
    expect(cmp.differences.map((d) => d.path)).toEqual(["/0", "/1", "/2"]);
  });

  it("walks a value nested far deeper than the call stack would allow", () => {
    let a: unknown = 1;
    let b: unknown = 2;
    for (let i = 0; i < 20_000; i++) {
      a = { n: a };
      b = { n: b };
    }
    const cmp = compareValues(a, b);
    expect(cmp.total).toBe(1);
    expect(cmp.differences[0]!.path).toBe("/n".repeat(20_000));
  });
});

describe("reportDifferences (the replay verdict of one step)", () => {
  it("is equal for a deep-equal output in another key order", () => {
    expect(reportDifferences({ b: [1, { y: 2, x: 1 }], a: "s" }, { a: "s", b: [1, { x: 1, y: 2 }] })).toEqual({ verdict: "equal" });
  });

  it("differs with recorded and new value at each path", () => {
    expect(reportDifferences({ rows: [{ revenue: 178849.55 }] }, { rows: [{ revenue: 182340.5 }] })).toEqual({
      verdict: "differs",
      differences_total: 1,
      differences: [{ path: "/rows/0/revenue", change: "changed", recorded: 182340.5, output: 178849.55 }],
    });
  });

  it("caps the listed differences and cuts long values, saying so", () => {
    const rep = reportDifferences({ rows: Array.from({ length: 80 }, (_, i) => i), note: "x".repeat(2000) }, { rows: Array.from({ length: 80 }, (_, i) => -i - 1), note: "y" });
    if (rep.verdict !== "differs") throw new Error("expected differs");
    expect(rep.differences_total).toBe(81);
    expect(rep.differences).toHaveLength(MAX_REPORTED_DIFFERENCES);
    const big = reportDifferences({ s: "x".repeat(2000), list: Array.from({ length: 300 }, () => "abc") }, { s: "y" });
    if (big.verdict !== "differs") throw new Error("expected differs");
    expect(big.differences[0]).toMatchObject({ path: "/s", recorded: "y", truncated: true });
    expect(String(big.differences[0]!.output)).toHaveLength(501);
    expect(big.differences[1]).toEqual({ path: "/list", change: "added", output: "[300 items]", truncated: true });
  });
});
