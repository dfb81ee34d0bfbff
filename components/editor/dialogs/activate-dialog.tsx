"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { Automation } from "@/lib/client/types";
import { activationQuery } from "@/lib/queries/automations";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, Loading } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

const REASON_LABEL: Record<string, string> = { unbound_tool: "Unbound tool", invalid_inputs: "Invalid inputs", unreviewed: "Not reviewed", empty: "No steps" };

export function ActivateDialog({ open, onClose, automation, onSelectStep, onActivated }: DialogProps & { automation: Automation; onSelectStep: (k: string) => void; onActivated: () => void }) {
  const check = useQuery({ ...activationQuery(automation.id, automation.version), enabled: open });
  const activate = useMutation({
    mutationFn: (force: boolean) => api(`/api/v1/automations/${automation.id}/activate`, { method: "POST", json: { force } }),
    onSuccess: onActivated,
  });
  const blockers = check.data?.blockers ?? [];
  const onlyReviews = blockers.length > 0 && blockers.every((b) => b.reason === "unreviewed");
  return (
    <Dialog open={open} onClose={onClose} title="Activate">
      {check.isPending ? (
        <Loading label="Checking the automation…" />
      ) : blockers.length === 0 ? (
        <p className="text-sm">Everything checks out: once active, its triggers start runs.</p>
      ) : (
        <>
          <p className="mb-2 text-sm">Fix these before activating:</p>
          <ul className="mb-3 space-y-1 text-sm" aria-label="Activation blockers">
            {blockers.map((b, i) => (
              <li key={i} className="flex items-start gap-2">
                <span className="rounded bg-red-100 px-1.5 text-xs text-red-900 dark:bg-red-900 dark:text-red-100">{REASON_LABEL[b.reason] ?? b.reason}</span>
                {b.step ? (
                  <button type="button" className="text-left text-indigo-700 underline dark:text-indigo-300" onClick={() => onSelectStep(b.step!)}>
                    {b.step}: {b.message}
                  </button>
                ) : (
                  <span>{b.message}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorAlert error={check.error ?? activate.error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        {onlyReviews && (
          <Button variant="danger" onClick={() => activate.mutate(true)} disabled={activate.isPending} title="Activate without reviewing the flagged steps">
            Activate without review
          </Button>
        )}
        <Button variant="primary" onClick={() => activate.mutate(false)} disabled={blockers.length > 0 || activate.isPending || check.isPending}>
          Activate
        </Button>
      </div>
    </Dialog>
  );
}
