"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FlashboardChart as Chart, FlashboardRow as Row } from "@/lib/client/types";
import { flashboardQuery } from "@/lib/queries/flashboards";
import { ErrorAlert, formatTime, Loading, PageHeader } from "../ui/ui";

const COLOURS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7"];

/** A dashboard written by an automation: its charts drawn with Recharts, and its tables. */
export function FlashboardView({ id }: { id: string }) {
  const q = useQuery(flashboardQuery(id));
  if (q.isPending) return <Loading label="Loading dashboard…" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const b = q.data;
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title={b.title}>
        <span className="text-sm text-slate-500">
          Updated {formatTime(b.updated_at)}
          {b.run_id && (
            <>
              {" "}by run <Link className="font-mono underline" href={`/runs/${b.run_id}`}>{b.run_id}</Link>
            </>
          )}
        </span>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        {b.charts.map((c, i) => (
          <section key={i} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-label={c.title || `Chart ${i + 1}`}>
            <h2 className="mb-3 font-medium">{c.title || "Untitled"}</h2>
            <ChartBlock chart={c} />
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-500">Data</summary>
              <DataTable rows={c.data} />
            </details>
          </section>
        ))}
        {b.tables.map((t, i) => (
          <section key={`t${i}`} className="rounded-lg border border-slate-200 p-4 lg:col-span-2 dark:border-slate-800" aria-label={t.title || `Table ${i + 1}`}>
            <h2 className="mb-3 font-medium">{t.title || "Table"}</h2>
            <DataTable rows={t.rows} columns={t.columns} />
          </section>
        ))}
      </div>
    </div>
  );
}

function measuresOf(c: Chart): string[] {
  if (Array.isArray(c.y)) return c.y;
  if (c.y) return [c.y];
  const first = c.data[0] ?? {};
  return Object.keys(first).filter((k) => k !== c.x && typeof first[k] === "number");
}

function ChartBlock({ chart }: { chart: Chart }) {
  const x = chart.x ?? Object.keys(chart.data[0] ?? {})[0];
  const ys = measuresOf(chart);
  // Numbers that arrive as strings (e.g. SQL numerics) still plot.
  const data = chart.data.map((r) => ({ ...r, ...Object.fromEntries(ys.map((y) => [y, Number(r[y])])) }));
  if (chart.type === "table") return <DataTable rows={chart.data} />;
  if (chart.type === "number") {
    const v = data[0]?.[ys[0] ?? ""];
    return <p className="text-4xl font-semibold tabular-nums">{typeof v === "number" ? v.toLocaleString() : String(v ?? "—")}</p>;
  }
  const common = { data, margin: { top: 8, right: 16, bottom: 8, left: 8 } };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#94a3b855" />
      <XAxis dataKey={x} tick={{ fontSize: 12, fill: "currentColor" }} />
      <YAxis tick={{ fontSize: 12, fill: "currentColor" }} tickFormatter={(v: number) => v.toLocaleString()} />
      <Tooltip formatter={(v) => (typeof v === "number" ? v.toLocaleString() : String(v))} />
      {ys.length > 1 && <Legend />}
    </>
  );
  return (
    <div className="h-64 w-full" role="img" aria-label={`${chart.type} chart of ${ys.join(", ")} by ${x}`}>
      <ResponsiveContainer>
        {chart.type === "line" ? (
          <LineChart {...common}>
            {axes}
            {ys.map((y, i) => (
              <Line key={y} dataKey={y} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : chart.type === "area" ? (
          <AreaChart {...common}>
            {axes}
            {ys.map((y, i) => (
              <Area key={y} dataKey={y} stroke={COLOURS[i % COLOURS.length]} fill={COLOURS[i % COLOURS.length]} fillOpacity={0.2} isAnimationActive={false} />
            ))}
          </AreaChart>
        ) : chart.type === "pie" ? (
          <PieChart>
            <Tooltip />
            <Pie data={data} dataKey={ys[0] ?? "value"} nameKey={x} outerRadius="80%" isAnimationActive={false} label>
              {data.map((_, i) => (
                <Cell key={i} fill={COLOURS[i % COLOURS.length]} />
              ))}
            </Pie>
          </PieChart>
        ) : (
          <BarChart {...common}>
            {axes}
            {ys.map((y, i) => (
              <Bar key={y} dataKey={y} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

function DataTable({ rows, columns }: { rows: Row[]; columns?: string[] }) {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  if (rows.length === 0) return <p className="text-sm text-slate-500">No rows.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col" className="border-b border-slate-200 py-1 pr-4 text-left font-medium dark:border-slate-800">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c} className="py-1 pr-4 tabular-nums">
                  {typeof r[c] === "object" ? JSON.stringify(r[c]) : String(r[c] ?? "")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
