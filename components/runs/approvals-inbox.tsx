"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { approvalListQuery } from "@/lib/queries/approvals";
import { EmptyState, ErrorAlert, formatTime, Loading, PageHeader, StatusBadge, StatusFilter } from "../ui/ui";
import { InlineApproval } from "./run-view";

/** Every gate waiting for a decision in the workspace, decided in place. */
export function ApprovalsInbox() {
  const [status, setStatus] = useState("pending");
  const list = useQuery({ ...approvalListQuery(status), refetchInterval: 5000 });
  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader title="Approvals">
        <StatusFilter value={status} onChange={setStatus} options={["pending", "approved", "rejected", "timed_out", "canceled", "all"]} />
      </PageHeader>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={status === "pending" ? "Nothing is waiting for you" : "No approvals here"}>
          Approval gates in running automations show up here until someone approves or rejects them.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((a) => (
            <li key={a.id} className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
              <div className="flex flex-wrap items-center gap-2 p-3 text-sm">
                <StatusBadge status={a.status} />
                <span className="font-medium">{a.message}</span>
                <span className="text-slate-500">
                  run <Link className="font-mono text-indigo-700 hover:underline dark:text-indigo-300" href={`/runs/${a.run_id}`}>{a.run_id}</Link> · {formatTime(a.created_at)}
                  {a.expires_at && ` · expires ${formatTime(a.expires_at)}`}
                </span>
                {a.decided_by && (
                  <span className="text-slate-500">
                    · {a.decided_by}
                    {a.comment && `: “${a.comment}”`}
                  </span>
                )}
              </div>
              {a.status === "pending" && <InlineApproval approvalId={a.id} stepKey={a.step_key} automationId={a.automation_id} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
