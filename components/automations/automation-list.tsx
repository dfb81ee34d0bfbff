"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { api } from "@/lib/client/api";
import type { Automation } from "@/lib/client/types";
import { automationKeys, automationListQuery } from "@/lib/queries/automations";
import { Button, EmptyState, ErrorAlert, formatTime, inputClass, ListTableHead, Loading, LoadMore, PageHeader, StatusBadge } from "../ui/ui";

export function AutomationList() {
  const router = useRouter();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const list = useInfiniteQuery(automationListQuery(search));
  const create = useMutation({
    mutationFn: () => api<Automation>("/api/v1/automations", { method: "POST", json: { name: "Untitled automation" } }),
    // Coming back from the editor shows the new one, in this list and in the merge picker.
    onSuccess: (a) => (void qc.invalidateQueries({ queryKey: automationKeys.lists() }), router.push(`/automations/${a.id}`)),
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title="Automations">
        <label>
          <span className="sr-only">Search automations</span>
          <input className={inputClass} placeholder="Search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <Button onClick={() => create.mutate()} disabled={create.isPending}>New automation</Button>
      </PageHeader>
      <ErrorAlert error={list.error ?? create.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={search ? "No automation matches" : "No automations yet"}>
          Open a successful run in the <Link href="/" className="underline">run history</Link> and press Crystallize, or start an empty one.
        </EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <ListTableHead columns={["Name", "Status", "Version", "Source", "Updated"]} />
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">
                  <Link href={`/automations/${a.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {a.name}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td>v{a.version}</td>
                <td>
                  {a.source ? (
                    <Link className="hover:underline" href={a.source.type === "agent_run" ? `/history/runs/${a.source.id}` : `/history/threads/${a.source.id}`}>
                      {a.source_type.replaceAll("_", " ")}
                    </Link>
                  ) : (
                    a.source_type.replaceAll("_", " ")
                  )}
                </td>
                <td className="whitespace-nowrap">{formatTime(a.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} shown={rows.length} />
    </>
  );
}
