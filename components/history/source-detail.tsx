"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Sparkles } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import { inBandFailure } from "@/lib/crystallize/in-band-failure";
import { stepNames } from "@/lib/client/loop";
import type { Crystallized, Merge, Message, SourceDetail as Source, SourceKind, ToolCall } from "@/lib/client/types";
import { automationKeys, automationPickerQuery } from "@/lib/queries/automations";
import { sourcePath, sourceQuery } from "@/lib/queries/sources";
import { Dialog } from "../ui/dialog";
import { JsonView } from "../ui/json-view";
import { Button, cx, ErrorAlert, formatMs, formatTime, inputClass, Loading, PageHeader, StatusBadge } from "../ui/ui";

const PAGE = 200;

/** An agent run or chat thread: its conversation, a timeline of tool calls, and Crystallize. */
export function SourceDetail({ kind, id }: { kind: SourceKind; id: string }) {
  const base = sourcePath(kind, id);
  const q = useQuery(sourceQuery(kind, id));
  const [shown, setShown] = useState(PAGE);
  if (q.isPending) return <Loading label="Loading the run and its tool calls…" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const s = q.data;
  // Threads record no start time of their own.
  const startedAt = "started_at" in s ? s.started_at : null;
  const title = s.title || id;
  const calls = s.tool_calls;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/" className="hover:underline">Run history</Link> / {id}
      </nav>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {title} <StatusBadge status={s.status} />
          </span>
        }
      >
        <CrystallizeButton kind={kind} source={s} base={base} defaultName={title} />
      </PageHeader>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        {kind === "agent_run" ? "Agent run" : "Chat thread"} · {calls.length} tool calls · {s.messages.length} messages · {formatTime(startedAt ?? s.created_at)}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="conversation">
          <h2 id="conversation" className="mb-3 font-medium">Conversation</h2>
          <Conversation messages={s.messages.slice(0, shown)} />
        </section>
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 font-medium">Tool calls</h2>
          <ol className="space-y-3">
            {calls.slice(0, shown).map((c) => (
              <ToolCallItem key={c.id} call={c} />
            ))}
          </ol>
        </section>
      </div>
      {(calls.length > shown || s.messages.length > shown) && (
        <div className="mt-4 text-center">
          <Button onClick={() => setShown(shown + PAGE * 5)}>Show more ({Math.max(calls.length, s.messages.length) - shown} left)</Button>
        </div>
      )}
    </>
  );
}

function Conversation({ messages }: { messages: Message[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-500">This run recorded tool calls without a conversation.</p>;
  return (
    <ol className="space-y-2">
      {messages.map((m) => (
        <li
          key={m.id}
          className={cx(
            "rounded-lg p-3 text-sm",
            m.role === "user" ? "bg-indigo-50 dark:bg-indigo-950/60" : m.role === "tool" ? "bg-slate-50 font-mono text-xs dark:bg-slate-900" : "bg-slate-100 dark:bg-slate-800/60",
          )}
        >
          <p className="mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">{m.role}</p>
          <p className="line-clamp-[12] whitespace-pre-wrap break-words">{m.text || (typeof m.content === "string" ? m.content : JSON.stringify(m.content))}</p>
        </li>
      ))}
    </ol>
  );
}

function ToolCallItem({ call }: { call: ToolCall }) {
  const ms = call.started_at && call.ended_at ? new Date(call.ended_at).getTime() - new Date(call.started_at).getTime() : null;
  // The same rule the crystallizer applies: such a call does not become a step unless overridden.
  const failedInResult = call.status === "succeeded" ? inBandFailure(call.result) : null;
  return (
    <li className={cx("rounded-lg border p-3", call.status === "failed" ? "border-red-300 dark:border-red-900" : "border-slate-200 dark:border-slate-800")}>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono font-medium">{call.tool}</span>
        <StatusBadge status={call.status} />
        {call.approval && <StatusBadge status={call.approval.status} />}
        {failedInResult && (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200" title={failedInResult}>
            failed in its result
          </span>
        )}
        <span className="ml-auto text-xs text-slate-500">{formatMs(ms)}</span>
      </div>
      {call.approval && (
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
          Approval {call.approval.status}
          {call.approval.decided_by && ` by ${call.approval.decided_by}`}
          {call.approval.comment && `: “${call.approval.comment}”`}
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">Arguments</summary>
        <JsonView value={call.arguments} />
      </details>
      {call.status === "failed" ? (
        <div className="mt-1 text-xs text-red-700 dark:text-red-300">
          Error: <JsonView value={call.error} />
        </div>
      ) : (
        <details>
          <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">Result</summary>
          <JsonView value={call.result} />
        </details>
      )}
    </li>
  );
}

/** Why a source cannot be crystallized, or null when it can; the API gives the same answer. */
function blockedReason(kind: string, s: Source): string | null {
  if (kind === "agent_run" && s.status === "running") return "The run is still running: crystallize it once it has finished.";
  if (kind === "chat_thread" && s.status === "active") return "A tool call in this thread has no result yet.";
  if (!s.tool_calls.some((c) => c.status === "succeeded")) return "There is no successful tool call to turn into a step.";
  return null;
}

function CrystallizeButton({ kind, source, base, defaultName }: { kind: SourceKind; source: Source; base: string; defaultName: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const blocked = blockedReason(kind, source);
  // One key per dialog opening: a retried click cannot create a second automation.
  const idempotencyKey = useMemo(() => (open ? crypto.randomUUID() : ""), [open]);
  const [into, setInto] = useState("");
  const failedInResult = useMemo(
    () => source.tool_calls.flatMap((c) => (c.status === "succeeded" ? [{ call: c, reason: inBandFailure(c.result) }] : [])).filter((f) => f.reason !== null),
    [source.tool_calls],
  );
  const [treatAsSucceeded, setTreatAsSucceeded] = useState<Set<string>>(new Set());
  const targets = useQuery({ ...automationPickerQuery(), enabled: open });
  const crystallize = useMutation({
    mutationFn: (body: { name?: string; options: { ordering: string; treat_as_succeeded?: string[] }; into?: string }) =>
      api<Crystallized>(`${base}/crystallize`, { method: "POST", json: body, headers: { "idempotency-key": idempotencyKey } }),
    // A new automation joins the lists and the merge picker; a merge is a new version of one
    // (its row, the picker's "vN", its detail and versions), so both refresh everything under
    // ["automations"]. A merge shows what changed before leaving; a new automation opens straight away.
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: automationKeys.all });
      if (!r.merge) router.push(`/automations/${r.automation.id}`);
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const options = { ordering: String(f.get("ordering")), ...(treatAsSucceeded.size ? { treat_as_succeeded: [...treatAsSucceeded] } : {}) };
    crystallize.mutate(into ? { into, options } : { name: String(f.get("name")), options });
  }
  const merged = crystallize.data?.merge;
  return (
    <>
      <div className="flex flex-col items-end gap-1">
        <Button variant="primary" disabled={!!blocked} aria-describedby={blocked ? "crystallize-blocked" : undefined} onClick={() => setOpen(true)}>
          <Sparkles className="size-4" aria-hidden /> Crystallize
        </Button>
        {blocked && (
          <p id="crystallize-blocked" className="max-w-xs text-right text-xs text-slate-500">
            {blocked}
          </p>
        )}
      </div>
      <Dialog open={open} onClose={() => setOpen(false)} title="Crystallize into an automation">
        {merged && crystallize.data ? (
          <MergeResult merge={merged} automation={crystallize.data.automation} report={crystallize.data.report} />
        ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <label className="block text-sm">
            Into
            <select value={into} onChange={(e) => setInto(e.target.value)} className={`${inputClass} mt-1`}>
              <option value="">A new automation</option>
              {targets.data?.data.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} (v{a.version}) — as its next version
                </option>
              ))}
            </select>
          </label>
          {into ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              The run must do the same work as the automation. Inputs that differ between the runs become parameters, keeping the automation&apos;s values as defaults.
            </p>
          ) : (
            <label className="block text-sm">
              Name
              <input name="name" required maxLength={200} defaultValue={defaultName} className={`${inputClass} mt-1`} />
            </label>
          )}
          <fieldset className="text-sm">
            <legend className="mb-1">Step ordering</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="ordering" value="dataflow" defaultChecked className="mt-1" />
              <span>
                Data flow <span className="text-slate-500">— steps depend only on the data they use, so independent reads run in parallel</span>
              </span>
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input type="radio" name="ordering" value="sequential" className="mt-1" />
              <span>
                Sequential <span className="text-slate-500">— every step waits for the one before it, as in the source</span>
              </span>
            </label>
          </fieldset>
          {failedInResult.length > 0 && (
            <fieldset className="text-sm">
              <legend className="mb-1">Calls whose result says they failed</legend>
              <p className="mb-2 text-xs text-slate-500">These become no step, or collapse into their retry. Tick one the rule misread.</p>
              <ul className="max-h-40 space-y-1 overflow-y-auto">
                {failedInResult.map(({ call, reason }) => (
                  <li key={call.id}>
                    <label className="flex items-start gap-2">
                      <input
                        type="checkbox"
                        className="mt-1"
                        checked={treatAsSucceeded.has(call.id)}
                        onChange={(e) => {
                          const next = new Set(treatAsSucceeded);
                          if (e.target.checked) next.add(call.id);
                          else next.delete(call.id);
                          setTreatAsSucceeded(next);
                        }}
                      />
                      <span>
                        Count <span className="font-mono">{call.tool}</span> #{call.position + 1} as succeeded <span className="text-slate-500">— {reason}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <ErrorAlert error={crystallize.error} />
          {crystallize.isPending && <Loading label={`Crystallizing ${source.tool_calls.length} tool calls…`} />}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={crystallize.isPending}>
              {into ? "Merge" : "Crystallize"}
            </Button>
          </div>
        </form>
        )}
      </Dialog>
    </>
  );
}

/** What a merge changed: each input that differed between the runs, and the parameter it became. */
function MergeResult({ merge, automation, report }: { merge: Merge; automation: Crystallized["automation"]; report: Crystallized["report"] }) {
  return (
    <div className="space-y-3 text-sm" role="status">
      <p>
        Version {merge.version} of <strong>{automation.name}</strong> was made from this run.{" "}
        {merge.differences.length === 0 ? "Every input matched version " + merge.from_version + "." : `${merge.differences.length} inputs differed:`}
      </p>
      {merge.differences.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">Input</th>
              <th scope="col" className="font-medium">Parameter</th>
              <th scope="col" className="font-medium">Version {merge.from_version} (default)</th>
              <th scope="col" className="font-medium">This run</th>
            </tr>
          </thead>
          <tbody>
            {merge.differences.map((d) => (
              <tr key={d.step + d.input_path} className="border-t border-slate-200 align-top dark:border-slate-800">
                <td className="py-1 font-mono">
                  {d.step}
                  {d.input_path}
                </td>
                <td className="font-mono">
                  {d.parameter}
                  {!d.new_parameter && <span className="text-slate-500"> (existing)</span>}
                </td>
                <td className="max-w-48 font-mono break-all text-red-700 dark:text-red-300">{JSON.stringify(d.current)}</td>
                <td className="max-w-48 font-mono break-all text-emerald-700 dark:text-emerald-300">{JSON.stringify(d.incoming)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <InferenceNotes report={report} />
      <div className="flex justify-end">
        <Link href={`/automations/${automation.id}`} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
          Open the automation
        </Link>
      </div>
    </div>
  );
}

/**
 * What the crystallizer generalized beyond frozen values: the loops the run's like calls became,
 * the like calls over part of a list the editor offers as one, and elements read by what the user named.
 */
function InferenceNotes({ report }: { report: Crystallized["report"] }) {
  const { picks } = report;
  if (report.loops.length === 0 && report.candidate_loops.length === 0 && picks.length === 0) return null;
  return (
    <ul aria-label="Inferences" className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
      {report.loops.map((l) => (
        <li key={l.step}>
          <span className="font-mono">{l.step}</span> runs once per item of <span className="font-mono">{l.over}</span>: {l.calls.length} like calls became one loop.
        </li>
      ))}
      {report.candidate_loops.map((c) => (
        <li key={c.steps.join(",")}>
          <span className="font-mono">{stepNames(c.steps)}</span> {c.reason}: the editor offers to make them one loop over the whole list.
        </li>
      ))}
      {picks.map((p) => (
        <li key={p.step + p.input_path}>
          <span className="font-mono">
            {p.step}
            {p.input_path}
          </span>{" "}
          reads the element of <span className="font-mono">{p.from_step}{p.list_path}</span> whose {p.field} is “{p.value}”, as the user asked, wherever it sits in tomorrow&apos;s list.
        </li>
      ))}
    </ul>
  );
}
