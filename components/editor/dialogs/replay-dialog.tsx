"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { Automation, Replay } from "@/lib/client/types";
import { Dialog } from "../../ui/dialog";
import { JsonView } from "../../ui/json-view";
import { ErrorAlert, formatMs, Loading, StatusBadge } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

export function ReplayDialog({ open, onClose, automation }: DialogProps & { automation: Automation }) {
  const replay = useMutation({
    mutationFn: () => api<Replay>(`/api/v1/automations/${automation.id}/replay`, { method: "POST", json: {} }),
  });
  const { mutate, reset } = replay;
  useEffect(() => {
    if (open) mutate();
    else reset();
  }, [open, mutate, reset]);
  return (
    <Dialog open={open} onClose={onClose} title="Dry-run against the source run" wide>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Read-only steps run for real; steps with side effects are not executed and use the result recorded in the source run.
      </p>
      {replay.isPending && <Loading label="Replaying…" />}
      <ErrorAlert error={replay.error} />
      {replay.data && (
        <>
          <p className="mb-3 text-sm font-medium" role="status">
            {replay.data.reproduces ? "The automation reproduces the source run." : "The automation does not reproduce the source run."} ({formatMs(replay.data.duration_ms)})
          </p>
          <ol className="space-y-2" aria-label="Replay by step">
            {replay.data.steps.map((s) => (
              <li key={s.step_key} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
                <div className="flex items-center gap-2">
                  <span className="font-mono font-medium">{s.step_key}</span>
                  <StatusBadge status={s.verdict === "equal" ? "succeeded" : s.verdict} />
                  <span className="text-xs text-slate-500">{s.mode}</span>
                  <span className="ml-auto text-xs text-slate-500">{formatMs(s.duration_ms)}</span>
                </div>
                {s.error && <p className="mt-1 text-red-700 dark:text-red-300">{s.error}</p>}
                {s.verdict !== "equal" && s.verdict !== "stubbed" && s.output !== undefined && (
                  <div className="mt-2 grid gap-2 md:grid-cols-2">
                    <div>
                      <p className="text-xs text-slate-500">Now</p>
                      <JsonView value={s.output} />
                    </div>
                    <div>
                      <p className="text-xs text-slate-500">Recorded</p>
                      <JsonView value={s.recorded} />
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}
