"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { Automation, Replay, RunDetail, Trigger } from "@/lib/client/types";
import { activationQuery, versionListQuery, versionQuery } from "@/lib/queries/automations";
import { invalidateRuns } from "@/lib/queries/runs";
import { cronPreviewQuery, triggerKeys, triggerListQuery } from "@/lib/queries/triggers";
import { diffDefinitions, type LineDiff } from "@/lib/editor/diff";
import { Dialog } from "../ui/dialog";
import { JsonView } from "../ui/json-view";
import { Button, cx, ErrorAlert, formatMs, formatTime, inputClass, Loading, StatusBadge } from "../ui/ui";

type Base = { open: boolean; onClose: () => void };

export function SaveDialog({ open, onClose, onSave, saving, error }: Base & { onSave: (message: string) => void; saving: boolean; error: unknown }) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSave(String(new FormData(e.currentTarget).get("message") || "Edited in the editor"));
  }
  return (
    <Dialog open={open} onClose={onClose} title="Save a new version">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm">
          What changed?
          <input name="message" className={`${inputClass} mt-1`} placeholder="e.g. Limit the revenue query to paid orders" maxLength={1000} autoFocus />
        </label>
        <ErrorAlert error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? "Saving…" : "Save version"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function VersionsDialog({ open, onClose, automation, onRestored }: Base & { automation: Automation; onRestored: () => void }) {
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

const REASON_LABEL: Record<string, string> = { unbound_tool: "Unbound tool", invalid_inputs: "Invalid inputs", unreviewed: "Not reviewed", empty: "No steps" };

export function ActivateDialog({ open, onClose, automation, onSelectStep, onActivated }: Base & { automation: Automation; onSelectStep: (k: string) => void; onActivated: () => void }) {
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

export function TriggersDialog({ open, onClose, automation }: Base & { automation: Automation }) {
  const qc = useQueryClient();
  const key = triggerKeys.ofAutomation(automation.id);
  const list = useQuery({ ...triggerListQuery(automation.id), enabled: open });
  // Secrets come back only when created or rotated: keep them for this session of the dialog.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const remember = (t: Trigger) => {
    const secret = t.kind === "webhook" ? t.secret : undefined;
    if (secret) setSecrets((s) => ({ ...s, [t.id]: secret }));
  };
  const create = useMutation({
    mutationFn: (body: object) => api<Trigger>(`/api/v1/automations/${automation.id}/triggers`, { method: "POST", json: body }),
    onSuccess: (t) => (remember(t), qc.invalidateQueries({ queryKey: key })),
  });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/v1/triggers/${id}`, { method: "DELETE" }), onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
  const toggle = useMutation({
    mutationFn: (t: Trigger) => api(`/api/v1/triggers/${t.id}`, { method: "PATCH", json: { enabled: !t.enabled } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const rotate = useMutation({ mutationFn: (id: string) => api<Trigger>(`/api/v1/triggers/${id}/rotate-secret`, { method: "POST", json: {} }), onSuccess: remember });
  return (
    <Dialog open={open} onClose={onClose} title="Triggers" wide>
      {automation.status !== "active" && <p className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">Triggers fire only while the automation is active.</p>}
      <ErrorAlert error={list.error ?? create.error ?? remove.error ?? toggle.error ?? rotate.error} />
      <ul className="mb-4 space-y-2">
        {list.data?.data.length === 0 && <li className="text-sm text-slate-500">No triggers yet. It runs only when someone presses Run now.</li>}
        {list.data?.data.map((t) => (
          <li key={t.id} className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium capitalize">{t.kind}</span>
              <StatusBadge status={t.enabled ? "enabled" : "disabled"} />
              <span className="ml-auto flex gap-1">
                {t.kind === "webhook" && <Button className="text-xs" onClick={() => rotate.mutate(t.id)}>Rotate secret</Button>}
                <Button className="text-xs" onClick={() => toggle.mutate(t)}>{t.enabled ? "Disable" : "Enable"}</Button>
                <Button className="text-xs" variant="danger" onClick={() => remove.mutate(t.id)}>Delete</Button>
              </span>
            </div>
            {t.kind === "schedule" && (
              <>
                <p className="mt-1">
                  <code>{t.cron}</code> — {t.description}
                </p>
                <FireTimes times={t.next_fire_times} />
              </>
            )}
            {t.kind === "webhook" && <WebhookInfo url={t.url} secret={secrets[t.id]} />}
            {t.kind === "event" && (
              <p className="mt-1">
                Runs on <code>POST /api/v1/events</code> with <code>{`{"name": "${t.event_name}"}`}</code>
              </p>
            )}
          </li>
        ))}
      </ul>
      <NewTrigger onCreate={(b) => create.mutate(b)} busy={create.isPending} />
    </Dialog>
  );
}

function FireTimes({ times }: { times: string[] }) {
  return (
    <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600 dark:text-slate-400" aria-label="Next fire times">
      {times.map((t) => (
        <li key={t}>{formatTime(t)}</li>
      ))}
    </ol>
  );
}

function WebhookInfo({ url, secret }: { url: string; secret?: string }) {
  const curl = `SECRET='${secret ?? "<the webhook secret>"}'
t=$(date +%s); body='{"example": true}'
sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
curl -X POST '${url}' -H "X-Crystallize-Signature: t=$t,v1=$sig" -H 'content-type: application/json' -d "$body"`;
  return (
    <div className="mt-2 space-y-2">
      <p>
        URL: <code className="break-all">{url}</code>
      </p>
      <p>
        Secret:{" "}
        {secret ? <code className="break-all" data-testid="webhook-secret">{secret}</code> : <span className="text-slate-500">shown once when created; rotate it to see a new one</span>}
      </p>
      <div className="relative">
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{curl}</pre>
        <Button className="absolute top-1 right-1 text-xs" onClick={() => navigator.clipboard.writeText(curl)} aria-label="Copy the curl example">
          <Copy className="size-3" aria-hidden /> Copy
        </Button>
      </div>
    </div>
  );
}

function NewTrigger({ onCreate, busy }: { onCreate: (body: object) => void; busy: boolean }) {
  const [kind, setKind] = useState<"schedule" | "webhook" | "event">("schedule");
  const [cron, setCron] = useState("0 9 * * 1-5");
  const [tz, setTz] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const [eventName, setEventName] = useState("");
  const c = useDeferredValue(cron.trim());
  const preview = useQuery({ ...cronPreviewQuery(c, tz), enabled: kind === "schedule" && c.length > 0 });
  return (
    <form
      className="space-y-2 rounded border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700"
      aria-label="New trigger"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(kind === "schedule" ? { kind, cron, timezone: tz } : kind === "event" ? { kind, event_name: eventName } : { kind });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label>
          New trigger
          <select className={`${inputClass} mt-1`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="schedule">Schedule</option>
            <option value="webhook">Webhook</option>
            <option value="event">Event</option>
          </select>
        </label>
        {kind === "schedule" && (
          <>
            <label>
              Cron (minute hour day month weekday)
              <input className={`${inputClass} mt-1 font-mono`} value={cron} onChange={(e) => setCron(e.target.value)} />
            </label>
            <label>
              Time zone
              <input className={`${inputClass} mt-1`} value={tz} onChange={(e) => setTz(e.target.value)} />
            </label>
          </>
        )}
        {kind === "event" && (
          <label>
            Event name
            <input className={`${inputClass} mt-1 font-mono`} value={eventName} placeholder="order.created" onChange={(e) => setEventName(e.target.value)} />
          </label>
        )}
        <Button type="submit" variant="primary" disabled={busy || (kind === "schedule" && !preview.isSuccess) || (kind === "event" && !eventName.trim())}>
          Add trigger
        </Button>
      </div>
      {kind === "schedule" &&
        (preview.isError ? (
          <p className="text-red-700 dark:text-red-300" role="alert">{preview.error.message}</p>
        ) : preview.data ? (
          <div aria-live="polite">
            <p>{preview.data.description}</p>
            <FireTimes times={preview.data.next_fire_times} />
          </div>
        ) : null)}
    </form>
  );
}

export function RunNowDialog({ open, onClose, automation }: Base & { automation: Automation }) {
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
      return api<RunDetail>(`/api/v1/automations/${automation.id}/runs`, { method: "POST", json: { input } });
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
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Runs version {automation.version}
          {automation.status !== "active" && " as a test run (the automation is not active)"}.
        </p>
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

export function ReplayDialog({ open, onClose, automation }: Base & { automation: Automation }) {
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
