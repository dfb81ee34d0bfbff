import { describe, expect, it } from "vitest";
import { rowTableOf } from "./replay-rows";
import { reportDifferences } from "../engine/report-differences";

const differencesOf = (output: unknown, recorded: unknown) => {
  const r = reportDifferences(output, recorded);
  return r.verdict === "differs" ? r.differences : [];
};

describe("rowTableOf", () => {
  it("marks the row and column of a changed value in a query result, with the recorded value", () => {
    const recorded = { columns: ["month", "revenue"], rows: [{ month: "2026-07", revenue: 182340.5 }, { month: "2026-08", revenue: 90210 }], row_count: 2 };
    const output = { ...recorded, rows: [{ month: "2026-07", revenue: 178849.55 }, { month: "2026-08", revenue: 90210 }] };
    const table = rowTableOf(output, recorded, differencesOf(output, recorded))!;
    expect(table.at).toBe("/rows");
    expect(table.columns).toEqual(["month", "revenue"]);
    expect(table.rows[0]).toEqual({
      index: 0,
      change: "changed",
      cells: [
        { column: "month", value: "2026-07" },
        { column: "revenue", value: 178849.55, changed: { recorded: 182340.5 } },
      ],
    });
    expect(table.rows[1]!.change).toBeUndefined();
  });

  it("marks rows only one side has as added or removed, and reads rows held as arrays by their header", () => {
    const recorded = { columns: ["sku", "qty"], rows: [["A", 1], ["B", 2]] };
    const output = { columns: ["sku", "qty"], rows: [["A", 3]] };
    const table = rowTableOf(output, recorded, differencesOf(output, recorded))!;
    expect(table.columns).toEqual(["sku", "qty"]);
    expect(table.rows.map((r) => [r.index, r.change, r.cells.map((c) => [c.value, c.changed?.recorded])])).toEqual([
      [0, "changed", [["A", undefined], [3, 1]]],
      [1, "removed", [["B", undefined], [2, undefined]]],
    ]);
  });

  it("shows only the changed rows of a long table, and is null for output without rows", () => {
    const recorded = Array.from({ length: 100 }, (_, i) => ({ id: i, ok: true }));
    const output = recorded.map((r) => (r.id === 42 ? { ...r, ok: false } : r));
    const table = rowTableOf(output, recorded, differencesOf(output, recorded))!;
    expect(table.rowCount).toBe(100);
    expect(table.rows.map((r) => r.index)).toEqual([42]);
    expect(rowTableOf({ total: 3 }, { total: 4 }, differencesOf({ total: 3 }, { total: 4 }))).toBeNull();
  });
});
