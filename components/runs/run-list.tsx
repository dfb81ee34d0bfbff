"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { runListQuery } from "@/lib/queries/runs";
import { EmptyState, ErrorAlert, formatMs, formatTime, ListTableHead, Loading, LoadMore, PageHeader, StatusBadge, StatusFilter } from "../ui/ui";

const ACTIVE = new Set(["queued", "running", "waiting_for_approval"]);

/** Automation runs across the workspace, or of one automation (?automation=), newest first. */
export function RunList() {
  const automation = useSearchParams().get("automation");
  const [status, setStatus] = useState("");
  const list = useInfiniteQuery({
    ...runListQuery({ automationId: automation, status }),
    // Keep the list live while any run on it is still going.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.data.some((r) => ACTIVE.has(r.status))) ? 2000 : false),
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title={automation && rows[0] ? `Runs of ${rows[0].automation_name}` : "Runs"}>
        {automation && (
          <Link className="text-sm text-indigo-700 hover:underline dark:text-indigo-300" href={`/automations/${automation}`}>
            Open the automation
          </Link>
        )}
        <StatusFilter value={status} onChange={setStatus} options={["queued", "running", "waiting_for_approval", "succeeded", "failed", "canceled"]} anyLabel="Any status" />
      </PageHeader>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="No runs yet">Open an automation and press Run now, or activate it with a trigger.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <ListTableHead columns={["Run", "Automation", "Status", "Trigger", "Started", ["Duration", "text-right"]]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">
                  <Link href={`/runs/${r.id}`} className="font-mono text-indigo-700 hover:underline dark:text-indigo-300">
                    {r.id}
                  </Link>
                </td>
                <td>
                  {r.automation_name} <span className="text-slate-500">v{r.version}</span>
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{r.trigger}{r.retry_of && " (retry)"}</td>
                <td className="whitespace-nowrap">{formatTime(r.started_at ?? r.created_at)}</td>
                <td className="text-right tabular-nums">{formatMs(r.duration_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} shown={rows.length} />
    </>
  );
}
