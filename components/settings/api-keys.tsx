"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { CreatedApiKey } from "@/lib/client/types";
import { apiKeyKeys, apiKeyListQuery } from "@/lib/queries/api-keys";
import { Button, EmptyState, ErrorAlert, formatTime, inputClass, ListTableHead, Loading, PageHeader, StatusBadge } from "../ui/ui";

/** Create and revoke the workspace's API keys; a new key's secret is shown once. */
export function ApiKeys() {
  const qc = useQueryClient();
  const keys = useQuery(apiKeyListQuery());
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (name: string) => api<CreatedApiKey>("/api/v1/api-keys", { method: "POST", json: { name } }),
    onSuccess: (k) => {
      setSecret(k.secret);
      void qc.invalidateQueries({ queryKey: apiKeyKeys.all });
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api(`/api/v1/api-keys/${id}`, { method: "DELETE" }), onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }) });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    create.mutate(String(new FormData(form).get("name")), { onSuccess: () => form.reset() });
  }
  return (
    <>
      <PageHeader title="API keys" />
      <p className="mb-4 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        Keys call the API as this workspace: send <code>Authorization: Bearer &lt;key&gt;</code>. Agents use them to send runs; scripts use them to start automations.
      </p>
      <form onSubmit={submit} className="mb-4 flex max-w-lg gap-2" aria-label="Create an API key">
        <label className="flex-1">
          <span className="sr-only">Key name</span>
          <input name="name" required maxLength={100} className={inputClass} placeholder="Key name, e.g. analytics agent" />
        </label>
        <Button type="submit" variant="primary" disabled={create.isPending}>Create key</Button>
      </form>
      {secret && (
        <div role="status" className="mb-4 max-w-2xl rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-medium">Copy this key now: it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 break-all" data-testid="new-api-key">{secret}</code>
            <Button onClick={() => navigator.clipboard.writeText(secret)} aria-label="Copy the key">
              <Copy className="size-4" aria-hidden />
            </Button>
            <Button variant="ghost" onClick={() => setSecret(null)}>Done</Button>
          </div>
        </div>
      )}
      <ErrorAlert error={keys.error ?? create.error ?? revoke.error} />
      {keys.isPending ? (
        <Loading />
      ) : keys.data?.data.length === 0 ? (
        <EmptyState title="No API keys yet">Create one above to let an agent or script call Crystallize.</EmptyState>
      ) : (
        <table className="w-full max-w-4xl text-left text-sm">
          <ListTableHead columns={["Name", "Key", "Created", "Last used", ""]} />
          <tbody>
            {keys.data?.data.map((k) => (
              <tr key={k.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{k.name}</td>
                <td className="font-mono">{k.prefix}…</td>
                <td>{formatTime(k.created_at)}</td>
                <td>{formatTime(k.last_used_at)}</td>
                <td className="text-right">
                  {k.revoked_at ? (
                    <StatusBadge status="revoked" />
                  ) : (
                    <Button variant="danger" className="text-xs" onClick={() => confirm(`Revoke "${k.name}"? Calls with it will be refused.`) && revoke.mutate(k.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
