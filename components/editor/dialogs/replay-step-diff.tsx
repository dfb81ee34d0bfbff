"use client";
import { useMemo } from "react";
import type { ReplayStep } from "@/lib/client/types";
import { rowTableOf, type RowTable } from "@/lib/editor/replay-rows";
import { JsonView } from "../../ui/json-view";
import { cx } from "../../ui/ui";

// What changed in one dry-run step: its rows with the changed cells marked when the output holds
// rows, the differing paths with both values, and both outputs with those paths highlighted.

const CHANGED_CELL = "bg-amber-100 font-semibold text-amber-950 outline outline-1 -outline-offset-1 outline-amber-500 dark:bg-amber-900/60 dark:text-amber-50";

/** A value on one line: text as is, anything else as (cut) JSON. */
export function valueText(v: unknown, max = 120): string {
  if (v === undefined) return "—";
  const text = typeof v === "string" ? v : (JSON.stringify(v) ?? "null");
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function ReplayStepDiff({ step }: { step: ReplayStep }) {
  const differences = useMemo(() => step.differences ?? [], [step.differences]);
  const table = useMemo(() => rowTableOf(step.output, step.recorded, differences), [step.output, step.recorded, differences]);
  const paths = useMemo(() => new Set(differences.map((d) => d.path)), [differences]);
  const total = step.differences_total ?? differences.length;
  return (
    <div className="mt-2 space-y-2">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {total === 1 ? "1 value differs" : `${total} values differ`} from the recorded result{total > differences.length && ` (the first ${differences.length} are listed)`}.
      </p>
      {table && <RowsTable table={table} stepKey={step.step_key} />}
      <ul aria-label={`Changed values of ${step.step_key}`} className="space-y-0.5 font-mono text-xs">
        {differences.map((d) => (
          <li key={d.path} className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-slate-500">{d.path || "(whole output)"}</span>
            {d.change === "added" ? (
              <span className="text-emerald-800 dark:text-emerald-300">added {valueText(d.output)}</span>
            ) : d.change === "removed" ? (
              <span className="text-red-800 dark:text-red-300">missing, was {valueText(d.recorded)}</span>
            ) : (
              <>
                <del className="text-red-800 dark:text-red-300" aria-label="recorded">{valueText(d.recorded)}</del>
                <span aria-hidden>→</span>
                <ins className="text-emerald-800 no-underline dark:text-emerald-300" aria-label="now">{valueText(d.output)}</ins>
              </>
            )}
            {d.truncated && <span className="text-slate-500">(cut)</span>}
          </li>
        ))}
      </ul>
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Whole outputs, changes highlighted</summary>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <div>
            <p className="text-xs text-slate-500">Now</p>
            <JsonView value={step.output} highlight={paths} />
          </div>
          <div>
            <p className="text-xs text-slate-500">Recorded</p>
            <JsonView value={step.recorded} highlight={paths} />
          </div>
        </div>
      </details>
    </div>
  );
}

function RowsTable({ table, stepKey }: { table: RowTable; stepKey: string }) {
  const changed = table.rows.filter((r) => r.change).length;
  return (
    <div className="overflow-x-auto">
      <table aria-label={`Rows of ${stepKey}`} className="min-w-full border-collapse text-xs">
        <caption className="mb-1 text-left text-slate-600 dark:text-slate-400">
          {table.at || "output"}: {table.rows.length < table.rowCount ? `the ${table.rows.length} changed of ${table.rowCount} rows` : `${table.rowCount} rows, ${changed} changed`}; a changed cell shows the recorded value struck through
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500 dark:border-slate-700">
            <th scope="col" className="px-2 py-1 font-medium">row</th>
            {table.columns.map((c) => (
              <th key={c} scope="col" className="px-2 py-1 font-mono font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr
              key={r.index}
              data-row-change={r.change}
              className={cx(
                "border-b border-slate-100 dark:border-slate-800",
                r.change === "added" && "bg-emerald-50 dark:bg-emerald-950/40",
                r.change === "removed" && "bg-red-50 line-through dark:bg-red-950/40",
              )}
            >
              <td className="px-2 py-1 text-slate-500">
                {r.index + 1}
                {r.change === "added" ? " (new)" : r.change === "removed" ? " (gone)" : ""}
              </td>
              {r.cells.map((c) => (
                <td key={c.column} data-changed={c.changed ? "" : undefined} className={cx("px-2 py-1 font-mono", c.changed && CHANGED_CELL)}>
                  {valueText(c.value, 60)}
                  {c.changed && (
                    <del className="ml-2 font-normal text-red-700 dark:text-red-300" aria-label="recorded">
                      {valueText(c.changed.recorded, 60)}
                    </del>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
