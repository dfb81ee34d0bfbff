"use client";
import { ConnectionActions } from "../ui/connection-actions";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";
import type { ToolProvider } from "@/lib/client/types";
import { automationKeys } from "@/lib/queries/automations";
import { toolProviderKeys, toolProviderListQuery } from "@/lib/queries/tool-providers";
import { meQuery } from "@/lib/queries/workspaces";
import { BackToAutomation } from "../ui/back-to-automation";
import { Dialog } from "../ui/dialog";
import { Button, EmptyState, ErrorAlert, formatTime, Loading, PageHeader } from "../ui/ui";
import { AddProviderForm, type StdioPolicy } from "./add-provider-form";

const KIND_LABEL: Record<string, string> = { builtin: "built in", mcp_http: "MCP over HTTP", mcp_stdio: "MCP command", http: "HTTP endpoint" };

/**
 * The workspace's tool providers and the tools each offers. `addFor` (from ?add=1&tool=…) opens the
 * add form for the tool a blocked automation needs, and says once it is bound; `from` links back to it. `stdio` and
 * `builtinServers` are the server's: whether it starts local commands, and the MCP servers it ships.
 */
export function ToolProvidersPage({
  openAdd,
  addFor,
  from,
  stdio,
  builtinServers,
}: {
  openAdd: boolean;
  addFor?: string;
  /** The automation that sent the user here, for the way back. */
  from?: string;
  stdio: StdioPolicy;
  builtinServers: string[];
}) {
  const router = useRouter();
  const list = useQuery(toolProviderListQuery());
  const me = useQuery(meQuery());
  const canManage = me.data ? me.data.actor.role !== "member" : false;
  const [adding, setAdding] = useState(openAdd);
  const [added, setAdded] = useState<{ provider: ToolProvider; forTool?: string } | null>(null);
  const providers = list.data?.data ?? [];

  return (
    <>
      <BackToAutomation from={from} />
      <PageHeader title="Tool providers">
        {canManage && !adding && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add tool provider
          </Button>
        )}
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Steps that call a tool which is not built in run on a provider that offers it: an MCP server or an HTTP endpoint. A step binds to the first provider offering its tool.
      </p>
      {adding && canManage && (
        <div className="mb-6">
          <AddProviderForm
            forTool={addFor}
            stdio={stdio}
            builtinServers={builtinServers}
            onCancel={() => {
              setAdding(false);
              if (openAdd) router.replace("/tool-providers");
            }}
            onAdded={(p) => {
              setAdding(false);
              setAdded({ provider: p, forTool: addFor });
              // A reload must not open the form again.
              if (openAdd) router.replace("/tool-providers", { scroll: false });
            }}
          />
        </div>
      )}
      {added && <AddedNotice provider={added.provider} forTool={added.forTool} onDone={() => setAdded(null)} />}
      {adding && !canManage && me.data && <ErrorAlert error="Adding a tool provider needs the owner or admin role in this workspace." />}
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : providers.length === 0 ? (
        <div className="max-w-5xl">
          <EmptyState title="No tool providers yet">Add an MCP server or an HTTP tool endpoint so that steps calling its tools can run.</EmptyState>
        </div>
      ) : (
        <ul className="max-w-5xl space-y-3">
          {providers.map((p) => (
            <ProviderCard key={p.id} provider={p} canManage={canManage} />
          ))}
        </ul>
      )}
    </>
  );
}

function AddedNotice({ provider, forTool, onDone }: { provider: ToolProvider; forTool?: string; onDone: () => void }) {
  const offers = forTool ? provider.tools.some((t) => t.name === forTool) : null;
  const tone = offers === false ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";
  return (
    <div role="status" className={`mb-4 flex max-w-3xl flex-wrap items-center justify-between gap-2 rounded-md border p-3 text-sm ${tone}`}>
      <span>
        Added {provider.name}, which offers {provider.tools.length} tool{provider.tools.length === 1 ? "" : "s"}.
        {offers === true && (
          <>
            {" "}
            <code className="font-mono">{forTool}</code> is now bound: steps calling it can run.
          </>
        )}
        {offers === false && (
          <>
            {" "}
            It does not offer <code className="font-mono">{forTool}</code>, so steps calling it are still unbound.
          </>
        )}
      </span>
      <Button variant="ghost" onClick={onDone}>
        Dismiss
      </Button>
    </div>
  );
}

function ProviderCard({ provider: p, canManage }: { provider: ToolProvider; canManage: boolean }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: toolProviderKeys.all }), qc.invalidateQueries({ queryKey: automationKeys.all })]);
  const test = useMutation({ mutationFn: () => api<ToolProvider>(`/api/v1/tool-providers/${p.id}/refresh`, { method: "POST", json: {} }), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: () => api(`/api/v1/tool-providers/${p.id}`, { method: "DELETE" }), onSuccess: invalidate });
  const where = p.config.url ?? p.config.server ?? (p.config.command ? [p.config.command, ...(p.config.args ?? [])].join(" ") : null);
  const secrets = [...(p.config.header_names ?? []).map((h) => `header ${h}`), ...(p.config.env_names ?? []).map((e) => `env ${e}`)];
  return (
    <li aria-label={`Tool provider ${p.name}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900/40">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
            {p.name}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{KIND_LABEL[p.kind] ?? p.kind}</span>
          </h2>
          {where && <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{where}</p>}
          {secrets.length > 0 && <p className="text-xs text-slate-500 dark:text-slate-400">Sealed: {secrets.join(", ")} (values are never shown)</p>}
          {p.refreshed_at && <p className="text-xs text-slate-500 dark:text-slate-400">Tools listed {formatTime(p.refreshed_at)}</p>}
        </div>
        {canManage && (
          <ConnectionActions testing={test.isPending} onTest={() => test.mutate()} onDelete={() => setConfirming(true)} />
        )}
      </div>
      {test.isSuccess && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
          Connected: it offers {test.data.tools.length} tool{test.data.tools.length === 1 ? "" : "s"}.
        </p>
      )}
      <div className="mt-2">
        <ErrorAlert error={test.error ?? remove.error} />
      </div>
      <h3 className="mt-3 mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Tools ({p.tools.length})</h3>
      {p.tools.length === 0 ? (
        <p className="text-slate-500">It offers no tools.</p>
      ) : (
        <ul aria-label={`Tools of ${p.name}`} className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {p.tools.map((t) => (
            <li key={t.name} className="min-w-0">
              <span className="font-mono">{t.name}</span>
              {t.description && <span className="text-slate-600 dark:text-slate-400"> — {t.description}</span>}
            </li>
          ))}
        </ul>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete ${p.name}?`}>
        <p className="text-sm">Steps bound to its tools become unbound, and automations using them cannot be switched on until another provider offers them.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
            Delete provider
          </Button>
        </div>
      </Dialog>
    </li>
  );
}
