"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { api, ApiRequestError } from "@/lib/client/api";

type RunSummary = { id: string; agent: string; status: string; tool_call_count: number; created_at: string };
type ThreadSummary = { id: string; title: string; status: string; tool_call_count: number; created_at: string };
type AutomationSummary = { id: string; name: string; source_type: string; status: string; version: number };
type Page<T> = { data: T[]; next_cursor: string | null };

/** Run history and automations in one place, with a Crystallize button per source. */
export function Home() {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ["me"], queryFn: () => api<{ workspace: { name: string } }>("/api/v1/me") });
  const runs = useQuery({ queryKey: ["runs"], queryFn: () => api<Page<RunSummary>>("/api/v1/agents/runs?limit=50"), enabled: me.isSuccess });
  const threads = useQuery({ queryKey: ["threads"], queryFn: () => api<Page<ThreadSummary>>("/api/v1/chat/threads?limit=50"), enabled: me.isSuccess });
  const automations = useQuery({ queryKey: ["automations"], queryFn: () => api<Page<AutomationSummary>>("/api/v1/automations?limit=50"), enabled: me.isSuccess });
  const crystallize = useMutation({
    mutationFn: (path: string) => api(path, { method: "POST", json: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["automations"] }),
  });

  if (me.error instanceof ApiRequestError && me.error.status === 401)
    return (
      <main className="mx-auto mt-24 max-w-md px-4 text-center">
        <h1 className="text-3xl font-semibold">Crystallize</h1>
        <p className="mt-3 text-slate-600 dark:text-slate-400">Turn successful agent runs and chat threads into deterministic automations.</p>
        <p className="mt-6 space-x-4">
          <Link href="/sign-in" className="text-indigo-600 underline">Sign in</Link>
          <Link href="/sign-up" className="text-indigo-600 underline">Create an account</Link>
        </p>
      </main>
    );

  const sources = [
    ...(runs.data?.data ?? []).map((r) => ({ id: r.id, label: r.agent, kind: "Agent run", status: r.status, calls: r.tool_call_count, at: r.created_at, path: `/api/v1/agents/runs/${r.id}/crystallize`, blocked: r.status === "running" ? "Still running" : null })),
    ...(threads.data?.data ?? []).map((t) => ({ id: t.id, label: t.title, kind: "Chat thread", status: t.status, calls: t.tool_call_count, at: t.created_at, path: `/api/v1/chat/threads/${t.id}/crystallize`, blocked: t.status === "active" ? "A tool call is still running" : null })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <header className="mb-8 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Crystallize</h1>
        <span className="text-sm text-slate-500">{me.data?.workspace.name}</span>
      </header>
      {crystallize.error && <p role="alert" className="mb-4 rounded bg-red-50 p-3 text-sm text-red-700">{crystallize.error.message}</p>}
      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 text-lg font-medium">Run history</h2>
        {sources.length === 0 && <p className="text-slate-500">No runs yet. Send one to POST /api/v1/agents/runs or import a transcript.</p>}
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500"><tr><th className="py-1">Source</th><th>Kind</th><th>Status</th><th>Tool calls</th><th /></tr></thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{s.label}</td>
                <td>{s.kind}</td>
                <td>{s.status}</td>
                <td>{s.calls}</td>
                <td className="text-right">
                  <button
                    className="rounded bg-indigo-600 px-2 py-1 text-white disabled:opacity-40"
                    disabled={!!s.blocked || crystallize.isPending}
                    title={s.blocked ?? "Create an automation from this source"}
                    onClick={() => crystallize.mutate(s.path)}
                  >
                    Crystallize
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="automations" className="mt-10">
        <h2 id="automations" className="mb-2 text-lg font-medium">Automations</h2>
        {automations.data?.data.length === 0 && <p className="text-slate-500">No automations yet: crystallize a run above.</p>}
        <ul className="space-y-1 text-sm">
          {automations.data?.data.map((a) => (
            <li key={a.id}>
              {a.name} <span className="text-slate-500">· {a.source_type} · {a.status} · v{a.version}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
