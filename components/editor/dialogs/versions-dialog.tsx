"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import type { Automation, VersionSummary } from "@/lib/client/types";
import { versionListQuery, versionQuery } from "@/lib/queries/automations";
import { diffDefinitions } from "@/lib/editor/diff";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, formatTime, inputClass, Loading } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";
import { useEditor } from "../store/editor-context";
import { isDirty } from "../store/editor-store";
import { VersionDiffView } from "./version-diff-view";

export function VersionsDialog({ open, onClose, automation, onRestored }: DialogProps & { automation: Automation; onRestored: () => void }) {
  const versions = useQuery({ ...versionListQuery(automation.id), enabled: open });
  const [left, setLeft] = useState(Math.max(1, automation.version - 1));
  const [right, setRight] = useState(automation.version);
  const [showInternals, setShowInternals] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  // A restore replaces what the editor shows, so edits not yet saved would go without a word.
  const unsaved = useEditor(isDirty);
  const a = useQuery({ ...versionQuery(automation.id, left), enabled: open });
  const b = useQuery({ ...versionQuery(automation.id, right), enabled: open });
  const diff = useMemo(() => (a.data && b.data ? diffDefinitions(a.data.definition, b.data.definition) : null), [a.data, b.data]);
  const restore = useMutation({
    mutationFn: (n: number) => api(`/api/v1/automations/${automation.id}/versions/${n}/restore`, { method: "POST", json: { base_version: automation.version, message: `Restored version ${n}` } }),
    onSuccess: () => {
      setConfirming(null);
      onRestored();
    },
  });
  const list = versions.data?.data ?? [];
  const next = (list[0]?.version ?? automation.version) + 1;
  const picker = (label: string, value: number, set: (n: number) => void) => (
    <label className="text-sm">
      {label}{" "}
      <select className={inputClass} value={value} onChange={(e) => set(Number(e.target.value))}>
        {list.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} — {v.message ?? ""}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Dialog open={open} onClose={onClose} title="Version history" wide>
      {versions.isPending ? (
        <Loading />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[17rem_1fr]">
          <ol className="max-h-[60vh] space-y-1 overflow-y-auto text-sm" aria-label="Versions">
            {list.map((v) => (
              <VersionItem
                key={v.version}
                v={v}
                current={v.version === automation.version}
                next={next}
                showInternals={showInternals}
                confirming={confirming === v.version}
                onAsk={() => setConfirming(v.version)}
                onCancel={() => setConfirming(null)}
                onRestore={() => restore.mutate(v.version)}
                restoring={restore.isPending}
                unsaved={unsaved}
              />
            ))}
          </ol>
          <div className="min-w-0">
            <div className="mb-3 flex flex-wrap items-end gap-3">
              {picker("Compare", left, setLeft)}
              {picker("with", right, setRight)}
              <label className="flex items-center gap-1.5 pb-1.5 text-sm">
                <input type="checkbox" checked={showInternals} onChange={(e) => setShowInternals(e.target.checked)} />
                Show internals
              </label>
            </div>
            <ErrorAlert error={restore.error ?? a.error ?? b.error} />
            {diff ? <VersionDiffView diff={diff} left={left} right={right} showInternals={showInternals} /> : <Loading />}
          </div>
        </div>
      )}
    </Dialog>
  );
}

type ItemProps = {
  v: VersionSummary;
  current: boolean;
  next: number;
  showInternals: boolean;
  confirming: boolean;
  restoring: boolean;
  unsaved: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onRestore: () => void;
};

function VersionItem({ v, current, next, showInternals, confirming, restoring, unsaved, onAsk, onCancel, onRestore }: ItemProps) {
  return (
    <li className="rounded border border-slate-200 p-2 dark:border-slate-800" aria-label={`Version ${v.version}`}>
      <div className="flex items-center justify-between">
        <span className="font-medium">
          v{v.version}
          {current && " (current)"}
        </span>
        {!current && !confirming && (
          <Button className="px-2 py-0.5 text-xs" onClick={onAsk} disabled={restoring}>
            Restore
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{v.message}</p>
      <p className="text-xs text-slate-500">
        <span title={v.author}>{v.author_name}</span> · {formatTime(v.created_at)}
      </p>
      {showInternals && <p className="break-all font-mono text-[10px] text-slate-400">{v.content_hash}</p>}
      {confirming && (
        <div role="alertdialog" aria-label={`Restore v${v.version}?`} className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs dark:border-amber-800 dark:bg-amber-950/50">
          <p>
            <strong>Restore v{v.version}?</strong> This saves v{v.version}&apos;s steps as a new draft version v{next}. The live version keeps running until you publish.
            {unsaved && <strong className="mt-1 block text-red-700 dark:text-red-400">Your unsaved changes in the editor are discarded.</strong>}
          </p>
          <div className="mt-2 flex gap-2">
            <Button variant={unsaved ? "danger" : "primary"} className="px-2 py-0.5 text-xs" onClick={onRestore} disabled={restoring}>
              {unsaved ? `Discard changes and restore v${v.version}` : `Restore v${v.version}`}
            </Button>
            <Button className="px-2 py-0.5 text-xs" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
