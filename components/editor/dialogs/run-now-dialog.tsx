"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";
import type { Automation, RunDetail } from "@/lib/client/types";
import { invalidateRuns } from "@/lib/queries/runs";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, inputClass } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

export function RunNowDialog({ open, onClose, automation, onDryRun }: DialogProps & { automation: Automation; onDryRun: (() => void) | null }) {
  const router = useRouter();
  const qc = useQueryClient();
  const params = automation.definition.parameters;
  const defaults = () => Object.fromEntries(params.map((p) => [p.name, p.default === undefined ? "" : typeof p.default === "string" ? p.default : JSON.stringify(p.default)]));
  const [values, setValues] = useState<Record<string, string>>(defaults);
  // New parameters start over from their defaults (adjusted while rendering, not in an effect).
  const [valuesFor, setValuesFor] = useState(params);
  if (valuesFor !== params) {
    setValuesFor(params);
    setValues(defaults());
  }
  const [asOf, setAsOf] = useState("");
  const live = automation.live_version;
  const isDraft = live !== automation.version;
  // The draft is what is being edited, so it is the default; the live version is one click away.
  const [which, setWhich] = useState<"draft" | "live">("draft");
  const version = which === "live" && live !== null ? live : automation.version;
  const run = useMutation({
    mutationFn: () => {
      const input: Record<string, unknown> = {};
      for (const p of params) {
        const raw = values[p.name] ?? "";
        if (raw === "") continue;
        input[p.name] = p.type === "string" ? raw : p.type === "number" ? Number(raw) : p.type === "boolean" ? raw === "true" : parseLoose(raw);
      }
      // datetime-local is wall time here; the run's logical time is that instant.
      if (asOf) input.now = new Date(asOf).toISOString();
      return api<RunDetail>(`/api/v1/automations/${automation.id}/runs`, { method: "POST", json: { input, version } });
    },
    // The new run heads the run lists, the workspace's and this automation's.
    onSuccess: (r) => (void invalidateRuns(qc, automation.id), router.push(`/runs/${r.id}`)),
  });
  return (
    <Dialog open={open} onClose={onClose} title="Run now">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
        className="space-y-3"
      >
        {isDraft && live !== null && (
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Version to run</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="version" checked={which === "draft"} onChange={() => setWhich("draft")} /> Draft v{automation.version}
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="version" checked={which === "live"} onChange={() => setWhich("live")} /> Live v{live}
            </label>
          </fieldset>
        )}
        {isDraft && version === automation.version ? (
          <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            v{automation.version} is a draft{live === null ? " that was never published" : ""}. Running it executes its steps for real: tools are called and data is written, exactly as a live run would.
            {onDryRun && (
              <>
                {" "}
                <button type="button" className="font-medium underline" onClick={onDryRun}>
                  Dry-run instead
                </button>{" "}
                to replay the source run with side effects stubbed.
              </>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Runs the live version, v{version}
            {automation.status !== "active" && " (the automation is not active: its triggers are off)"}.
          </p>
        )}
        {params.length === 0 ? (
          <p className="text-sm">This automation takes no input parameters.</p>
        ) : (
          params.map((p) => {
            const set = (v: string) => setValues({ ...values, [p.name]: v });
            const value = values[p.name] ?? "";
            const missing = p.required && p.default === undefined && value === "";
            return (
              <label key={p.name} className="block text-sm">
                <span className="font-mono">{p.name}</span>
                {p.required && <span className="text-red-600"> *</span>} <span className="text-slate-500">({p.type})</span>
                {p.description && <span className="block text-xs text-slate-500">{p.description}</span>}
                {p.type === "boolean" ? (
                  <select className={`${inputClass} mt-1`} value={value} onChange={(e) => set(e.target.value)}>
                    <option value="">{p.default === undefined ? "(not set)" : `(default: ${String(p.default)})`}</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : p.type === "json" ? (
                  <textarea className={`${inputClass} mt-1 font-mono text-xs`} rows={3} value={value} onChange={(e) => set(e.target.value)} />
                ) : (
                  <input className={`${inputClass} mt-1`} type={p.type === "number" ? "number" : "text"} required={missing} value={value} onChange={(e) => set(e.target.value)} />
                )}
              </label>
            );
          })
        )}
        <label className="block text-sm">
          Run as of <span className="text-slate-500">(optional)</span>
          <span className="block text-xs text-slate-500">The run&apos;s &ldquo;now&rdquo;: relative dates count from it. Blank is the moment you start it.</span>
          <input className={`${inputClass} mt-1`} type="datetime-local" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <ErrorAlert error={run.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={run.isPending}>
            {run.isPending ? "Starting…" : "Start run"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function parseLoose(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
