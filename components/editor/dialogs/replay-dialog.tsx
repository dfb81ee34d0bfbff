"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { Automation, Replay } from "@/lib/client/types";
import { Dialog } from "../../ui/dialog";
import { JsonView } from "../../ui/json-view";
import { cx, ErrorAlert, formatMs, Loading, StatusBadge } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";
import { ReplayStepDiff } from "./replay-step-diff";

/** The verdict in a sentence: "reproduces" only when every executed step gave back the recorded output. */
function verdictSentence(r: Replay): string {
  const { executed, equal, differs, failed, no_recording } = r.summary;
  if (r.reproduces) return executed ? `The automation reproduces the source run: ${executed === 1 ? "the executed step gives" : `all ${executed} executed steps give`} the recorded output.` : "The automation reproduces the source run: no step ran for real, every one was stubbed.";
  const parts = [
    differs && `${differs} ${differs === 1 ? "differs" : "differ"}`,
    failed && `${failed} failed`,
    no_recording && `${no_recording} had no recording to compare with`,
  ].filter(Boolean);
  return `The automation does not reproduce the source run: of ${executed} executed ${executed === 1 ? "step" : "steps"}, ${equal} equal, ${parts.join(", ")}.`;
}

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
        Read-only steps run for real and their output is compared value by value with the source run&apos;s; steps with side effects are not executed and use the result recorded in the source run.
      </p>
      {replay.isPending && <Loading label="Replaying…" />}
      <ErrorAlert error={replay.error} />
      {replay.data && (
        <>
          <p className={cx("mb-3 text-sm font-medium", !replay.data.reproduces && "text-orange-800 dark:text-orange-300")} role="status">
            {verdictSentence(replay.data)} ({formatMs(replay.data.duration_ms)})
          </p>
          <ol className="max-h-[65vh] space-y-2 overflow-y-auto" aria-label="Replay by step">
            {replay.data.steps.map((s) => (
              <li
                key={s.step_key}
                aria-label={`Step ${s.step_key}: ${s.verdict.replaceAll("_", " ")}`}
                data-verdict={s.verdict}
                className={cx("rounded border p-2 text-sm", s.verdict === "differs" ? "border-orange-300 dark:border-orange-800" : "border-slate-200 dark:border-slate-800")}
              >
                <div className="flex items-center gap-2">
                  <span className="font-mono font-medium">{s.step_key}</span>
                  <StatusBadge status={s.verdict} />
                  <span className="text-xs text-slate-500">{s.mode === "executed" ? "ran for real" : "not executed"}</span>
                  <span className="ml-auto text-xs text-slate-500">{formatMs(s.duration_ms)}</span>
                </div>
                {s.error && <p className="mt-1 text-red-700 dark:text-red-300">{s.error}</p>}
                {s.verdict === "differs" && <ReplayStepDiff step={s} />}
                {s.verdict === "no_recording" && s.output !== undefined && (
                  <div className="mt-2">
                    <p className="text-xs text-slate-500">Now (the source run recorded nothing to compare with)</p>
                    <JsonView value={s.output} />
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
