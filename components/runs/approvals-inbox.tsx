"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { describeKnownInputs, describeUnresolved } from "@/lib/approvals/presenters/describe-inputs";
import type { Approval, GatedStep } from "@/lib/client/types";
import { approvalListQuery } from "@/lib/queries/approvals";
import { EmptyState, ErrorAlert, formatTime, Loading, PageHeader, StatusBadge, StatusFilter } from "../ui/ui";
import { InlineApproval } from "./run-view";

const linkClass = "text-indigo-700 hover:underline dark:text-indigo-300";

/** Every gate waiting for a decision in the workspace, with what it holds back, decided in place. */
export function ApprovalsInbox() {
  const [status, setStatus] = useState("pending");
  const list = useQuery({ ...approvalListQuery(status), refetchInterval: 5000 });
  const now = useNow(30_000);
  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader title="Approvals">
        <StatusFilter value={status} onChange={setStatus} options={["pending", "approved", "rejected", "timed_out", "canceled", "all"]} />
      </PageHeader>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={status === "pending" ? "Nothing is waiting for you" : "No approvals here"}>
          Approval gates in running automations show up here until someone approves or rejects them.
        </EmptyState>
      ) : (
        <ul className="max-w-5xl space-y-3">
          {rows.map((a) => (
            <ApprovalCard key={a.id} approval={a} now={now} />
          ))}
        </ul>
      )}
    </>
  );
}

function ApprovalCard({ approval: a, now }: { approval: Approval; now: number }) {
  const pending = a.status === "pending";
  return (
    <li aria-label={`Approval ${a.message}`} className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/40">
      <div className="space-y-2 p-4 text-sm">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="flex min-w-0 items-center gap-2">
            <StatusBadge status={a.status} />
            <span className="font-medium break-words">{a.message}</span>
          </div>
          <p className="text-slate-600 dark:text-slate-400" data-testid="approval-waiting">
            {pending ? `waiting ${duration(now - Date.parse(a.created_at))}` : `opened ${formatTime(a.created_at)}`}
            {pending && a.expires_at && (
              <span title={formatTime(a.expires_at)}>
                {" "}
                · {Date.parse(a.expires_at) > now ? `deadline in ${duration(Date.parse(a.expires_at) - now)}` : "deadline passed"}, then counts as {a.on_timeout === "continue" ? "approved" : "rejected"}
              </span>
            )}
          </p>
        </div>
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1" data-testid="approval-context">
          <dt className="text-slate-500 dark:text-slate-400">Automation</dt>
          <dd>
            {a.automation.name !== null ? (
              <Link className={linkClass} href={`/automations/${a.automation.id}`}>
                {a.automation.name}
              </Link>
            ) : (
              <span className="text-slate-500">deleted ({a.automation.id})</span>
            )}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Run</dt>
          <dd className="flex flex-wrap items-center gap-x-2">
            <Link className={`font-mono ${linkClass}`} href={`/runs/${a.run_id}`}>
              {a.run_id}
            </Link>
            {a.run && (
              <span className="text-slate-600 dark:text-slate-400">
                started {a.run.started_by.description} · version {a.run.version}
              </span>
            )}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">{a.gated_steps.length === 1 ? "Then runs" : "Then run"}</dt>
          <dd>
            {a.gated_steps.length === 0 ? (
              <span className="text-slate-500">no further action steps: approving ends the run</span>
            ) : (
              <ul className="space-y-1">
                {a.gated_steps.map((s) => (
                  <GatedStepLine key={s.key} step={s} />
                ))}
              </ul>
            )}
          </dd>
          {a.decided_by && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Decided</dt>
              <dd>
                {a.decided_by}
                {a.decided_at && `, ${formatTime(a.decided_at)}`}
                {a.comment && `: “${a.comment}”`}
              </dd>
            </>
          )}
        </dl>
      </div>
      {pending && <InlineApproval approvalId={a.id} stepKey={a.step_key} automationId={a.automation_id} />}
    </li>
  );
}

/** The step, what it will be sent in words ("amount 89, payment pay_9Kx4Tn"), and apart from that what is not known yet. */
function GatedStepLine({ step }: { step: GatedStep }) {
  const known = describeKnownInputs(step.inputs, step.unresolved);
  return (
    <li data-testid="gated-step" className="break-words">
      <span className="font-mono font-medium">{step.key}</span>
      {step.name && step.name !== step.key && <span className="text-slate-600 dark:text-slate-400"> ({step.name})</span>}
      <span data-testid="gated-step-inputs">: {known.length ? known.join(", ") : step.unresolved.length ? "nothing else known yet" : "no inputs"}</span>
      {step.loop && <span className="text-slate-600 dark:text-slate-400"> · runs {step.loop}</span>}
      {step.unresolved.length > 0 && (
        <ul className="mt-0.5 space-y-0.5 text-xs text-amber-800 dark:text-amber-300" aria-label={`Not known yet for ${step.key}`}>
          {step.unresolved.map((u) => (
            <li key={u.input_path}>{describeUnresolved(u)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** "4 min", "2 h 5 min", "3 d 4 h": a wait as a person says it. */
function duration(ms: number) {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 1) return "under a minute";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** The current time, refreshed every `everyMs`, so waiting times move without refetching. */
function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
