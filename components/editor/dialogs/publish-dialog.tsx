"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { Automation, Blocker } from "@/lib/client/types";
import { blockerProblem, messageInWords, problemFix } from "@/lib/editor/problem-fix";
import { activationQuery } from "@/lib/queries/automations";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, Loading } from "../../ui/ui";
import { FixLink } from "../../ui/fix-link";
import type { DialogProps } from "./dialog-props";

const REASON_LABEL: Record<string, string> = { unbound_tool: "Unbound tool", invalid_inputs: "Invalid inputs", unreviewed: "Not reviewed", empty: "No steps" };

/**
 * Puts the draft head live: `publish` moves the live version of an automation whose triggers may
 * already run, `activate` switches triggers on for the first time. Both pass the same blockers.
 */
export function PublishDialog({
  open,
  onClose,
  automation,
  mode,
  onSelectStep,
  onDryRun,
  onDone,
}: DialogProps & { automation: Automation; mode: "publish" | "activate"; onSelectStep: (k: string) => void; onDryRun: (() => void) | null; onDone: () => void }) {
  const check = useQuery({ ...activationQuery(automation.id, automation.version), enabled: open });
  const go = useMutation({
    mutationFn: (force: boolean) =>
      mode === "publish"
        ? api(`/api/v1/automations/${automation.id}/publish`, { method: "POST", json: { base_version: automation.version, force } })
        : api(`/api/v1/automations/${automation.id}/activate`, { method: "POST", json: { force } }),
    onSuccess: onDone,
  });
  const blockers = check.data?.blockers ?? [];
  const onlyReviews = blockers.length > 0 && blockers.every((b) => b.reason === "unreviewed");
  const verb = mode === "publish" ? "Publish" : "Activate";
  const live = automation.live_version;
  const fixOf = (b: Blocker) => {
    const step = b.step ? automation.definition.steps.find((s) => s.key === b.step) : undefined;
    return step && b.reason !== "unreviewed" ? problemFix(step, blockerProblem(b), automation.id) : null;
  };
  return (
    <Dialog open={open} onClose={onClose} title={mode === "publish" ? `Publish v${automation.version}` : "Activate"}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        {mode === "publish"
          ? `Publishing makes v${automation.version} the live version: from the next schedule, webhook or event on, runs use it${live ? ` instead of v${live}` : ""}.`
          : live
            ? `Activating switches the triggers on; they run the live version, v${live}.`
            : `Activating publishes v${automation.version} and switches its triggers on.`}
      </p>
      {check.isPending ? (
        <Loading label="Checking the automation…" />
      ) : blockers.length === 0 ? (
        <p className="text-sm">Everything checks out.</p>
      ) : (
        <>
          <p className="mb-2 text-sm">Fix these before you {verb.toLowerCase()}:</p>
          <ul className="mb-3 space-y-1 text-sm" aria-label="Blockers">
            {blockers.map((b, i) => (
              <li key={i} className="flex flex-wrap items-start gap-2">
                <span className="rounded bg-red-100 px-1.5 text-xs text-red-900 dark:bg-red-900 dark:text-red-100">{REASON_LABEL[b.reason] ?? b.reason}</span>
                {b.step ? (
                  <button type="button" className="text-left text-indigo-700 underline dark:text-indigo-300" onClick={() => onSelectStep(b.step!)}>
                    {b.step}: {messageInWords(b.message)}
                  </button>
                ) : (
                  <span>{messageInWords(b.message)}</span>
                )}
                <FixLink fix={fixOf(b)} />
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorAlert error={check.error ?? go.error} />
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        {onDryRun && (
          <Button onClick={onDryRun} title="Replay the source run against this version first, with side effects stubbed">
            Dry-run first
          </Button>
        )}
        {onlyReviews && (
          <Button variant="danger" onClick={() => go.mutate(true)} disabled={go.isPending} title={`${verb} without reviewing the flagged steps`}>
            {verb} without review
          </Button>
        )}
        <Button variant="primary" onClick={() => go.mutate(false)} disabled={blockers.length > 0 || go.isPending || check.isPending}>
          {mode === "publish" ? `Publish v${automation.version}` : "Activate"}
        </Button>
      </div>
    </Dialog>
  );
}
