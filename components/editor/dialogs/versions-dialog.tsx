"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import type { Automation } from "@/lib/client/types";
import { versionListQuery, versionQuery } from "@/lib/queries/automations";
import { diffDefinitions, type LineDiff } from "@/lib/editor/diff";
import { Dialog } from "../../ui/dialog";
import { Button, cx, ErrorAlert, formatTime, inputClass, Loading } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

export function VersionsDialog({ open, onClose, automation, onRestored }: DialogProps & { automation: Automation; onRestored: () => void }) {
  const versions = useQuery({ ...versionListQuery(automation.id), enabled: open });
  const [left, setLeft] = useState(Math.max(1, automation.version - 1));
  const [right, setRight] = useState(automation.version);
  const a = useQuery({ ...versionQuery(automation.id, left), enabled: open });
  const b = useQuery({ ...versionQuery(automation.id, right), enabled: open });
  const diff = useMemo(() => (a.data && b.data ? diffDefinitions(a.data.definition, b.data.definition) : null), [a.data, b.data]);
  const restore = useMutation({
    mutationFn: (n: number) => api(`/api/v1/automations/${automation.id}/versions/${n}/restore`, { method: "POST", json: { base_version: automation.version, message: `Restored version ${n}` } }),
    onSuccess: onRestored,
  });
  const list = versions.data?.data ?? [];
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
        <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
          <ol className="max-h-[60vh] space-y-1 overflow-y-auto text-sm">
            {list.map((v) => (
              <li key={v.version} className="rounded border border-slate-200 p-2 dark:border-slate-800">
                <div className="flex items-center justify-between">
                  <span className="font-medium">v{v.version}{v.version === automation.version && " (current)"}</span>
                  {v.version !== automation.version && (
                    <Button className="px-2 py-0.5 text-xs" onClick={() => restore.mutate(v.version)} disabled={restore.isPending}>
                      Restore
                    </Button>
                  )}
                </div>
                <p className="text-xs text-slate-600 dark:text-slate-400">{v.message}</p>
                <p className="text-xs text-slate-500">
                  {v.author} · {formatTime(v.created_at)}
                </p>
              </li>
            ))}
          </ol>
          <div className="min-w-0">
            <div className="mb-3 flex flex-wrap gap-3">
              {picker("Compare", left, setLeft)}
              {picker("with", right, setRight)}
            </div>
            <ErrorAlert error={restore.error ?? a.error ?? b.error} />
            {diff ? <DiffView diff={diff} left={left} right={right} /> : <Loading />}
          </div>
        </div>
      )}
    </Dialog>
  );
}

function DiffView({ diff, left, right }: { diff: ReturnType<typeof diffDefinitions>; left: number; right: number }) {
  const changed = diff.filter((d) => d.change !== "same");
  if (changed.length === 0) return <p className="text-sm text-slate-500">v{left} and v{right} have the same steps.</p>;
  return (
    <div className="max-h-[60vh] space-y-3 overflow-y-auto" aria-label="Differences">
      {changed.map((d) => (
        <section key={d.key} className="rounded border border-slate-200 dark:border-slate-800">
          <h3 className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 text-sm font-medium dark:border-slate-800">
            <span className="font-mono">{d.key}</span>
            <span className={cx("rounded px-1.5 text-xs", d.change === "added" ? "bg-emerald-100 text-emerald-900" : d.change === "removed" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900")}>{d.change}</span>
          </h3>
          <div className="grid grid-cols-2 font-mono text-[11px] leading-4">
            <Side lines={d.left} label={`v${left}`} />
            <Side lines={d.right} label={`v${right}`} />
          </div>
        </section>
      ))}
    </div>
  );
}

function Side({ lines, label }: { lines: LineDiff[]; label: string }) {
  return (
    <pre aria-label={label} className="overflow-x-auto border-r border-slate-200 p-1 last:border-r-0 dark:border-slate-800">
      {lines.map((l, i) => (
        <div key={i} className={cx(l.kind === "removed" && "bg-red-100 dark:bg-red-950", l.kind === "added" && "bg-emerald-100 dark:bg-emerald-950", l.kind === "blank" && "opacity-0")}>
          {l.text || " "}
        </div>
      ))}
    </pre>
  );
}
