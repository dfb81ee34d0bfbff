"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { describeAuditEvent } from "@/lib/audit/describe-audit-event";
import Link from "next/link";
import { useState } from "react";
import type { AuditEvent as Event } from "@/lib/client/types";
import { auditListQuery } from "@/lib/queries/audit";
import { EmptyState, ErrorAlert, formatTime, ListTableHead, Loading, LoadMore, PageHeader, StatusFilter } from "../ui/ui";

const AREAS = ["automation.", "trigger.", "approval.", "api_key.", "data_source.", "tool_provider.", "workspace."];

const targetHref = (e: Event) =>
  e.target_type === "automation" ? `/automations/${e.target_id}` : e.target_type === "approval" ? "/approvals" : e.target_type === "api_key" ? "/settings/api-keys" : null;

/** Who changed what in the workspace, newest first. */
export function AuditLog() {
  const [area, setArea] = useState("");
  const list = useInfiniteQuery(auditListQuery(area));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader title="Audit log">
        <StatusFilter value={area} onChange={setArea} options={AREAS} anyLabel="Everything" />
      </PageHeader>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Edits, activations, approvals and key changes show up here.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Audit log">
          <ListTableHead columns={["When", "Who", "What", "On", "Recorded"]} />
          <tbody>
            {rows.map((e) => {
              const href = targetHref(e);
              return (
                <tr key={e.id} className="border-t border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-3 whitespace-nowrap">{formatTime(e.created_at)}</td>
                  <td className="pr-3 break-all" title={e.actor}>{e.actor_name ?? e.actor}</td>
                  <td className="pr-3" title={e.action}>{describeAuditEvent(e)}</td>
                  <td className="pr-3 font-mono text-xs">{href ? <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={href}>{e.target_id}</Link> : e.target_id}</td>
                  <td className="max-w-xs truncate font-mono text-xs text-slate-500" title={JSON.stringify(e.details)}>
                    {Object.keys(e.details).length ? JSON.stringify(e.details) : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <LoadMore list={list} shown={rows.length} />
    </>
  );
}
