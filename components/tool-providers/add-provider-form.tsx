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

const FIELDS = ["name", "kind", "url", "headers", "tools", "command", "args", "env", "server"] as const;
const invalid = "aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-500";

/** Whether this server starts local commands for stdio providers (stdioPolicy). */
export type StdioPolicy = "off" | "listed" | "any";

const STDIO_HINT: Record<StdioPolicy, string> = {
  off: "This server does not start local commands: its operator has not turned them on (ALLOW_STDIO_TOOLS=1), so a provider of this kind is refused here.",
  listed: "The command runs on this server, as the server's user. Only the executables the operator allows may start: give the command's absolute path.",
  any: "The command runs on this server, as the server's user.",
};

/**
 * Adds a tool provider of any kind: an MCP server over HTTP, an HTTP tool endpoint, an MCP server
 * started as a local command, or one built into the app. It is asked for its tools before it is
 * saved, so a wrong address or command is said here. Header and env values are sent once and never
 * shown again.
 */
export function AddProviderForm({
  forTool,
  stdio,
  builtinServers,
  onAdded,
  onCancel,
}: {
  forTool?: string;
  stdio: StdioPolicy;
  builtinServers: string[];
  onAdded: (p: ToolProvider) => void;
  onCancel: () => void;
}) {
  const qc = useQueryClient();
  const [fields, setFields] = useState<ProviderFormFields>({ name: "", kind: "mcp_http", url: "", headers: "", tools: forTool ?? "", command: "", args: "", env: "", server: builtinServers[0] ?? "" });
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
  // Another kind has other fields: what was said about the last kind's no longer applies.
  const changeKind = (e: { target: { value: string } }) => {
    setErrors({});
    setFormError(null);
    set("kind")(e);
  };

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
          <select {...p} className={`${inputClass} ${invalid}`} value={fields.kind} onChange={changeKind}>
            <option value="mcp_http">MCP server (Streamable HTTP)</option>
            <option value="http">HTTP tool endpoint (POST {"{tool, arguments}"})</option>
            <option value="mcp_stdio">MCP server started as a local command (stdio)</option>
            {builtinServers.length > 0 && <option value="builtin">MCP server built into the app</option>}
          </select>
        )}
      </Field>
      {(fields.kind === "mcp_http" || fields.kind === "http") && (
        <>
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
        </>
      )}
      {fields.kind === "mcp_stdio" && (
        <>
          <p role="note" aria-label="Local commands on this server" className={stdio === "off" ? "rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" : "text-sm text-slate-600 dark:text-slate-400"}>
            {STDIO_HINT[stdio]}
          </p>
          <Field label="Command" error={errors.command} hint="The MCP server's executable; it is started without a shell.">
            {(p) => <input {...p} className={`${inputClass} ${invalid} font-mono`} value={fields.command} onChange={set("command")} placeholder="/usr/local/bin/my-mcp-server" autoComplete="off" spellCheck={false} />}
          </Field>
          <Field label="Arguments (optional)" error={errors.args} hint="One per line, exactly as typed.">
            {(p) => <textarea {...p} className={`${inputClass} ${invalid} h-20 font-mono`} value={fields.args} onChange={set("args")} placeholder={"--read-only\n--port=0"} spellCheck={false} />}
          </Field>
          <Field label="Environment (optional)" error={errors.env} hint="One per line, as NAME=value. Values are stored sealed and never shown again; only the names are.">
            {(p) => <textarea {...p} className={`${inputClass} ${invalid} h-20 font-mono`} value={fields.env} onChange={set("env")} placeholder="API_TOKEN=…" autoComplete="off" spellCheck={false} />}
          </Field>
        </>
      )}
      {fields.kind === "builtin" && (
        <Field label="Built-in server" error={errors.server} hint="Runs inside the app: it starts no process and reaches no network.">
          {(p) => (
            <select {...p} className={`${inputClass} ${invalid}`} value={fields.server} onChange={set("server")}>
              {builtinServers.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          )}
        </Field>
      )}
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
