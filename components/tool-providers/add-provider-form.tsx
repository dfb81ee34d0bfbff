"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { apiFieldError, fieldErrors, ZProviderForm, type ProviderFormFields } from "@/lib/client/connection-forms";
import type { ToolProvider } from "@/lib/client/types";
import { automationKeys } from "@/lib/queries/automations";
import { toolProviderKeys } from "@/lib/queries/tool-providers";
import { Field } from "../ui/field";
import { Button, ErrorAlert, inputClass } from "../ui/ui";

const FIELDS = ["name", "kind", "url", "headers", "tools"] as const;
const invalid = "aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-500";

/**
 * Adds an MCP server over HTTP or an HTTP tool endpoint. The server is asked for its tools before
 * it is saved, so a wrong address is said here. Header values are sent once and never shown again.
 */
export function AddProviderForm({ forTool, onAdded, onCancel }: { forTool?: string; onAdded: (p: ToolProvider) => void; onCancel: () => void }) {
  const qc = useQueryClient();
  const [fields, setFields] = useState<ProviderFormFields>({ name: "", kind: "mcp_http", url: "", headers: "", tools: forTool ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => api<ToolProvider>("/api/v1/tool-providers", { method: "POST", json: body }),
    onSuccess: (p) => {
      // A new provider can bind steps that blocked activation.
      void qc.invalidateQueries({ queryKey: toolProviderKeys.all });
      void qc.invalidateQueries({ queryKey: automationKeys.all });
      onAdded(p);
    },
    onError: (err) => {
      const e = err instanceof ApiRequestError ? apiFieldError(err, FIELDS) : { field: null, message: err.message };
      if (e.field) setErrors({ [e.field]: e.message });
      else setFormError(e.message);
    },
  });
  const set = (k: keyof ProviderFormFields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = ZProviderForm.safeParse(fields);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add a tool provider" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 className="text-base font-semibold">Add a tool provider</h2>
      {forTool && (
        <p role="note" className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
          Add a provider that offers <code className="font-mono">{forTool}</code>, so that <code className="font-mono">{forTool}</code> is bound and the automation can be switched on.
        </p>
      )}
      <Field label="Name" error={errors.name} hint="How steps and the editor refer to this provider.">
        {(p) => <input {...p} className={`${inputClass} ${invalid}`} value={fields.name} onChange={set("name")} placeholder="e.g. charts" maxLength={100} />}
      </Field>
      <Field label="Kind" error={errors.kind}>
        {(p) => (
          <select {...p} className={inputClass} value={fields.kind} onChange={set("kind")}>
            <option value="mcp_http">MCP server (Streamable HTTP)</option>
            <option value="http">HTTP tool endpoint (POST {"{tool, arguments}"})</option>
          </select>
        )}
      </Field>
      <Field
        label="Address"
        error={errors.url}
        hint="Private and loopback addresses work only when Security settings allow them for this workspace."
      >
        {(p) => <input {...p} className={`${inputClass} ${invalid} font-mono`} value={fields.url} onChange={set("url")} placeholder={fields.kind === "mcp_http" ? "https://tools.example.com/mcp" : "https://tools.example.com/call"} />}
      </Field>
      <Field label="Headers (optional)" error={errors.headers} hint="One per line, as Name: value. Values are stored sealed and never shown again; only the names are.">
        {(p) => <textarea {...p} className={`${inputClass} ${invalid} h-20 font-mono`} value={fields.headers} onChange={set("headers")} placeholder="Authorization: Bearer …" autoComplete="off" spellCheck={false} />}
      </Field>
      {fields.kind === "http" && (
        <Field label="Tools it offers" error={errors.tools} hint="An HTTP endpoint cannot be asked, so list them: one per line, as name or name: what it does.">
          {(p) => <textarea {...p} className={`${inputClass} ${invalid} h-24 font-mono`} value={fields.tools} onChange={set("tools")} placeholder={"create_chart: draws a chart\nlist_charts"} />}
        </Field>
      )}
      <ErrorAlert error={formError} />
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Connecting…" : "Connect and add"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
