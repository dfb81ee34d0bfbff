"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw, ShieldCheck, Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import type { Approval, RunDetail, StepRun } from "@/lib/client/types";
import { approvalKeys } from "@/lib/queries/approvals";
import { automationQuery, versionQuery } from "@/lib/queries/automations";
import { invalidateRuns, runQuery } from "@/lib/queries/runs";
import { FlowCanvas } from "../canvas/flow-canvas";
import { createRunCanvasStore } from "../canvas/canvas-store";
import { describeProgress, loopPhraseFull, loopProgress } from "@/lib/client/loop";
import type { TDefinition, TStep } from "@/lib/automations/schemas";
import { JsonView } from "../ui/json-view";
import { LoopItems } from "./loop-items";
import { Button, ErrorAlert, formatMs, formatTime, inputClass, Loading, StatusBadge } from "../ui/ui";

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);

/** One automation run on its canvas, with live step states, inline approvals, cancel and retry. */
export function RunView({ id }: { id: string }) {
  const run = useQuery({
    ...runQuery(id),
    // Poll while the run is going; a finished run never changes.
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.status) ? false : 1000),
  });
  // The same cache entry as the editor's version history: a version never changes.
  const version = useQuery({ ...versionQuery(run.data?.automation_id ?? "", run.data?.version ?? 0), enabled: !!run.data });
  // The run is titled by its automation's name; the tab too, so several runs open tell apart.
  const automation = useQuery({ ...automationQuery(run.data?.automation_id ?? ""), enabled: !!run.data });
  const title = automation.data ? `${automation.data.name} · run ${run.data?.status ?? ""}` : null;
  useEffect(() => {
    if (title) document.title = `${title} · Crystallize`;
  }, [title]);
  const [selected, setSelected] = useState<string | null>(null);
  const stepRuns = useMemo(() => new Map((run.data?.steps ?? []).map((s) => [s.step_key, s])), [run.data]);

  if (run.isPending) return <Loading label="Loading the run…" />;
  if (run.isError) return <ErrorAlert error={run.error} />;
  const r = run.data;
  const pendingGates = r.approvals.filter((a) => a.status === "pending");
  const selectedRun = selected ? stepRuns.get(selected) : undefined;
  const selectedStep = version.data?.definition.steps.find((s) => s.key === selected);

  return (
    <div className="-m-4 flex h-screen flex-col md:-m-6">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/runs" className="hover:underline">Runs</Link> /
        </nav>
        <h1 className="text-lg font-semibold">
          {automation.data?.name ?? "Run"} <span className="font-mono text-sm font-normal text-slate-500">{r.id}</span>
        </h1>
        <span data-testid="run-status">
          <StatusBadge status={r.status} />
        </span>
        <span className="text-sm text-slate-500">
          <Link className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/automations/${r.automation_id}`}>
            automation v{r.version}
          </Link>{" "}
          · {r.trigger} · started {formatTime(r.started_at ?? r.created_at)} · {formatMs(r.duration_ms)}
          {r.retry_of && (
            <>
              {" "}· retry of <Link className="underline" href={`/runs/${r.retry_of}`}>{r.retry_of}</Link>
            </>
          )}
        </span>
        <RunActions run={r} />
      </div>
      {pendingGates.map((g) => (
        <InlineApproval key={g.id} approvalId={g.id} stepKey={g.step_key} automationId={r.automation_id} />
      ))}
      {r.status === "failed" && r.error && (
        <div role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {r.error}
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1">
          {version.data ? <RunCanvas key={version.data.version} definition={version.data.definition} stepRuns={stepRuns} selected={selected} onSelect={setSelected} /> : <Loading />}
        </div>
        <aside className="w-[26rem] shrink-0 overflow-y-auto border-l border-slate-200 p-4 dark:border-slate-800" aria-label="Steps">
          {selected && selectedRun ? (
            <StepDetail
              step={selectedRun}
              name={selectedStep?.name || selected}
              kind={selectedStep?.action_kind ?? selectedStep?.type}
              loop={selectedStep?.for_each}
              onBack={() => setSelected(null)}
            />
          ) : (
            <StepTable steps={r.steps} onSelect={setSelected} />
          )}
        </aside>
      </div>
    </div>
  );
}

/** The run's canvas: the version it ran, each step drawn with its live state; a click opens the step. */
function RunCanvas({ definition, stepRuns, selected, onSelect }: { definition: TDefinition; stepRuns: ReadonlyMap<string, StepRun>; selected: string | null; onSelect: (key: string | null) => void }) {
  const [store] = useState(() => createRunCanvasStore(definition, onSelect));
  useEffect(() => store.getState().setRuns(stepRuns), [store, stepRuns]);
  useEffect(() => store.getState().select(selected), [store, selected]);
  return <FlowCanvas store={store} />;
}

function RunActions({ run }: { run: RunDetail }) {
  const qc = useQueryClient();
  const router = useRouter();
  // Either changes what the run lists show: a canceled status, or a new run at the top. A cancel
  // also closes the run's open gates, so the approvals inbox changes too.
  const cancel = useMutation({
    mutationFn: () => api(`/api/v1/runs/${run.id}/cancel`, { method: "POST", json: {} }),
    onSuccess: () => Promise.all([invalidateRuns(qc, run.automation_id), qc.invalidateQueries({ queryKey: approvalKeys.all })]),
  });
  const retry = useMutation({
    mutationFn: () => api<RunDetail>(`/api/v1/runs/${run.id}/retry`, { method: "POST", json: {} }),
    onSuccess: (n) => (void invalidateRuns(qc, run.automation_id), router.push(`/runs/${n.id}`)),
  });
  return (
    <div className="ml-auto flex items-center gap-2">
      <ErrorAlert error={cancel.error ?? retry.error} />
      {!TERMINAL.has(run.status) && (
        <Button onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          <Square className="size-4" aria-hidden /> Cancel run
        </Button>
      )}
      {run.status === "failed" && (
        <Button variant="primary" onClick={() => retry.mutate()} disabled={retry.isPending} title="A new run that reuses the steps that succeeded">
          <RotateCcw className="size-4" aria-hidden /> Retry from failed step
        </Button>
      )}
    </div>
  );
}

/** Approve or reject a waiting gate without leaving the run. */
export function InlineApproval({ approvalId, stepKey, automationId }: { approvalId: string; stepKey: string; automationId: string }) {
  const qc = useQueryClient();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (d: "approve" | "reject") => api<Approval>(`/api/v1/approvals/${approvalId}/${d}`, { method: "POST", json: comment ? { comment } : {} }),
    // The gate leaves the inbox, and its run leaves waiting_for_approval on its page and in the run lists.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: approvalKeys.all }), invalidateRuns(qc, automationId)]),
  });
  return (
    <div role="region" aria-label={`Approval for ${stepKey}`} className="flex flex-wrap items-center gap-2 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm dark:border-amber-800 dark:bg-amber-950">
      <ShieldCheck className="size-4 text-amber-700" aria-hidden />
      <span>
        <span className="font-mono">{stepKey}</span> is waiting for approval.
      </span>
      <label className="min-w-48 flex-1">
        <span className="sr-only">Comment</span>
        <input className={inputClass} placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <Button variant="primary" onClick={() => decide.mutate("approve")} disabled={decide.isPending}>
        Approve
      </Button>
      <Button variant="danger" onClick={() => decide.mutate("reject")} disabled={decide.isPending}>
        Reject
      </Button>
      <ErrorAlert error={decide.error} />
    </div>
  );
}

function StepTable({ steps, onSelect }: { steps: StepRun[]; onSelect: (k: string) => void }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left font-medium">Steps</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="font-medium">Step</th>
          <th scope="col" className="font-medium">Status</th>
          <th scope="col" className="text-right font-medium">Time</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.step_key} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1.5">
              <button type="button" className="font-mono text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => onSelect(s.step_key)}>
                {s.step_key}
              </button>
            </td>
            <td>
              <StatusBadge status={s.status} />
              {s.attempts > 1 && <span className="ml-1 text-xs text-slate-500">×{s.attempts}</span>}
              {s.items && <ItemCount step={s} />}
            </td>
            <td className="text-right tabular-nums">{formatMs(s.duration_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ItemCount({ step }: { step: StepRun }) {
  const p = loopProgress(step.items)!;
  return (
    <span className="ml-1 text-xs text-slate-600 tabular-nums dark:text-slate-400" title={describeProgress(p)}>
      {p.succeeded}/{p.total} items
      {p.failed > 0 && <span className="text-red-700 dark:text-red-300"> · {p.failed} failed</span>}
    </span>
  );
}

function StepDetail({ step, name, kind, loop, onBack }: { step: StepRun; name: string; kind?: string; loop?: TStep["for_each"]; onBack: () => void }) {
  return (
    <div className="space-y-3 text-sm">
      <button type="button" className="text-xs text-indigo-700 hover:underline dark:text-indigo-300" onClick={onBack}>
        ← All steps
      </button>
      <h2 className="flex items-center gap-2 font-semibold">
        {name} <StatusBadge status={step.status} />
      </h2>
      <dl className="grid grid-cols-[7rem_1fr] gap-y-1 text-xs">
        <dt className="text-slate-500">Kind</dt>
        <dd className="font-mono">{kind}</dd>
        {loop && (
          <>
            <dt className="text-slate-500">Loop</dt>
            <dd>
              <span className="block font-mono break-words">{loopPhraseFull(loop.items)}</span>
              <span className="text-slate-500">{loop.concurrency} at a time</span>
            </dd>
          </>
        )}
        <dt className="text-slate-500">Attempts</dt>
        <dd>{step.attempts}</dd>
        <dt className="text-slate-500">Started</dt>
        <dd>{formatTime(step.started_at)}</dd>
        <dt className="text-slate-500">Ended</dt>
        <dd>{formatTime(step.ended_at)}</dd>
        <dt className="text-slate-500">Duration</dt>
        <dd>{formatMs(step.duration_ms)}</dd>
        {step.reused && (
          <>
            <dt className="text-slate-500">Reused</dt>
            <dd>output taken from the run this one retries</dd>
          </>
        )}
        {step.next_attempt_at && (
          <>
            <dt className="text-slate-500">Next attempt</dt>
            <dd>{formatTime(step.next_attempt_at)}</dd>
          </>
        )}
      </dl>
      {step.error != null && (
        <div role="alert">
          <h3 className="mb-1 text-xs font-medium text-red-700 dark:text-red-300">Error</h3>
          <JsonView value={step.error} defaultOpen />
        </div>
      )}
      {step.items && <LoopItems key={step.step_key} items={step.items} />}
      <div>
        {/* A loop's own inputs are what each item's bind list is applied to. */}
        <h3 className="mb-1 text-xs font-medium">{step.items ? "Inputs, before each item is put in" : "Inputs"}</h3>
        <JsonView value={step.inputs} />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-medium">{step.items ? "Output (each item's, in order)" : "Output"}</h3>
        <JsonView value={step.output} />
      </div>
    </div>
  );
}
