"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";

type Chart = { type: string; title: string; x?: string; y?: string | string[]; data: Record<string, unknown>[] };
type Board = { id: string; title: string; charts: Chart[]; tables: { title: string; columns?: string[]; rows: Record<string, unknown>[] }[]; updated_at: string };

// A dashboard written by an automation. Each chart's data is shown as a table with a simple bar
// per row for its first measure.
export function FlashboardView({ id }: { id: string }) {
  const q = useQuery({ queryKey: ["flashboard", id], queryFn: () => api<Board>(`/api/v1/flashboards/${id}`) });
  if (q.isPending) return <main className="p-8 text-sm text-zinc-500">Loading dashboard…</main>;
  if (q.isError) return <main className="p-8 text-sm text-red-600">{q.error.message}</main>;
  const b = q.data;
  return (
    <main className="mx-auto max-w-5xl space-y-8 p-8">
      <header>
        <h1 className="text-2xl font-semibold">{b.title}</h1>
        <p className="text-sm text-zinc-500">Updated {new Date(b.updated_at).toLocaleString()}</p>
      </header>
      {[...b.charts, ...b.tables.map((t) => ({ type: "table", title: t.title, data: t.rows, x: undefined, y: undefined }))].map((c, i) => (
        <DataBlock key={i} chart={c} />
      ))}
    </main>
  );
}

function DataBlock({ chart }: { chart: Chart }) {
  const columns = chart.data.length ? Object.keys(chart.data[0]!) : [];
  const measure = typeof chart.y === "string" ? chart.y : Array.isArray(chart.y) ? chart.y[0] : undefined;
  const max = measure ? Math.max(1, ...chart.data.map((r) => Number(r[measure]) || 0)) : 1;
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="mb-3 font-medium">{chart.title || "Untitled"}</h2>
      <table className="w-full text-sm">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="border-b border-zinc-200 py-1 text-left font-medium dark:border-zinc-800">
                {c}
              </th>
            ))}
            {measure && <th scope="col" className="sr-only">bar</th>}
          </tr>
        </thead>
        <tbody>
          {chart.data.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="py-1 tabular-nums">
                  {String(row[c] ?? "")}
                </td>
              ))}
              {measure && (
                <td className="w-1/3 py-1" aria-hidden>
                  <div className="h-3 rounded bg-indigo-500" style={{ width: `${((Number(row[measure]) || 0) / max) * 100}%` }} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
