"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Bot, MessagesSquare, Search } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { sourceListQuery } from "@/lib/queries/sources";
import { ImportDrop } from "./import-drop";
import { EmptyState, ErrorAlert, formatTime, inputClass, ListTableHead, Loading, LoadMore, PageHeader, StatusBadge, StatusFilter } from "../ui/ui";

export const sourceHref = (s: { kind: string; id: string }) => (s.kind === "agent_run" ? `/history/runs/${s.id}` : `/history/threads/${s.id}`);

/** Agent runs and chat threads in one list, searchable and filterable, paged by cursor. */
export function SourceList() {
  const [q, setQ] = useState("");
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("");
  const search = useDeferredValue(q.trim());
  const list = useInfiniteQuery(sourceListQuery({ q: search, kind, status }));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = !!(search || kind || status);

  return (
    <ImportDrop>
      <PageHeader title="Run history" />
      <div className="mb-4 flex flex-wrap gap-2" role="search">
        <label className="relative min-w-64 flex-1">
          <span className="sr-only">Search by agent, title or id</span>
          <Search className="absolute top-2 left-2 size-4 text-slate-400" aria-hidden />
          <input className={`${inputClass} pl-8`} placeholder="Search by agent, title or id" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          <span className="sr-only">Kind</span>
          <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">All sources</option>
            <option value="agent_run">Agent runs</option>
            <option value="chat_thread">Chat threads</option>
          </select>
        </label>
        <StatusFilter value={status} onChange={setStatus} options={["succeeded", "failed", "running", "canceled", "idle", "active"]} anyLabel="Any status" />
      </div>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters" />
        ) : (
          <EmptyState title="No agent runs or chat threads yet">
            Drop an agent log above, send a run to <code>POST /api/v1/agents/runs</code>, or point an OpenTelemetry exporter at{" "}
            <code>/api/v1/otlp/v1/traces</code>. Then crystallize it into an automation here.
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <ListTableHead columns={["Source", "Agent", "Status", ["Tool calls", "text-right"], ["Time", "pl-4"]]} />
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
                  <td className="py-2">
                    <Link href={sourceHref(s)} className="flex items-center gap-2 font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      {s.kind === "agent_run" ? <Bot className="size-4" aria-label="Agent run" /> : <MessagesSquare className="size-4" aria-label="Chat thread" />}
                      {s.title}
                    </Link>
                  </td>
                  <td className="text-slate-600 dark:text-slate-400">{s.agent ?? "chat"}</td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="text-right tabular-nums">{s.tool_call_count}</td>
                  <td className="pl-4 whitespace-nowrap text-slate-600 dark:text-slate-400">{formatTime(s.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} shown={rows.length} />
        </div>
      )}
    </ImportDrop>
  );
}
