"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { WorkspaceSettings as Settings } from "@/lib/client/types";
import { workspaceKeys, workspaceSettingsQuery } from "@/lib/queries/workspaces";
import { Button, ErrorAlert, inputClass, Loading, PageHeader } from "../ui/ui";

/** The workspace's egress allow-list: which private or loopback hosts steps may call. */
export function SecuritySettings() {
  const qc = useQueryClient();
  const settings = useQuery(workspaceSettingsQuery());
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (list: string[]) => api<Settings>("/api/v1/workspaces/current", { method: "PATCH", json: { egress_allow_list: list } }),
    onSuccess: (s) => {
      qc.setQueryData(workspaceKeys.current(), s);
      setDraft(null);
    },
  });
  if (settings.isPending) return <Loading />;
  const text = draft ?? settings.data?.egress_allow_list.join("\n") ?? "";
  const operator = settings.data?.egress_operator;
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean));
  }
  return (
    <>
      <PageHeader title="Security" />
      <form onSubmit={submit} className="max-w-2xl space-y-3" aria-label="Egress allow-list">
        <h2 className="text-base font-semibold">Private hosts steps may reach</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          HTTP requests, notifications, MCP servers over HTTP and data sources may only reach public addresses. List the internal hosts they may call as well: a host
          name (<code>billing.internal</code>, <code>*.corp.example</code>), an IP address or a network (<code>10.0.0.0/8</code>), one per line.
        </p>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" aria-label="Set by the operator">
          <dt className="text-slate-500 dark:text-slate-400">You may list</dt>
          <dd className="font-mono">{operator?.permit.length ? operator.permit.join(", ") : <span className="font-sans text-slate-500">nothing: this server permits no private hosts</span>}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Open to every workspace</dt>
          <dd className="font-mono">{operator?.allow.length ? operator.allow.join(", ") : <span className="font-sans text-slate-500">none</span>}</dd>
        </dl>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          These bounds are the server operator&apos;s (<code>CRYSTALLIZE_EGRESS_PERMIT</code>, <code>CRYSTALLIZE_EGRESS_ALLOW</code>). Entries outside them are refused.
        </p>
        <label className="block">
          <span className="sr-only">Allowed hosts and networks</span>
          <textarea className={`${inputClass} h-40 font-mono`} value={text} onChange={(e) => setDraft(e.target.value)} placeholder={"billing.internal\n10.0.0.0/8"} />
        </label>
        <ErrorAlert error={settings.error ?? save.error} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.isPending || draft === null}>Save</Button>
          {save.isSuccess && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">Saved</span>}
        </div>
      </form>
    </>
  );
}
