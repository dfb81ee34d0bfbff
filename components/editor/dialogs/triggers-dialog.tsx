"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { readableError } from "@/lib/client/readable-error";
import { api } from "@/lib/client/api";
import type { Automation, Trigger } from "@/lib/client/types";
import { cronPreviewQuery, triggerKeys, triggerListQuery } from "@/lib/queries/triggers";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, formatTime, inputClass, StatusBadge } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

export function TriggersDialog({ open, onClose, automation }: DialogProps & { automation: Automation }) {
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
                  <code>{t.cron}</code> — {t.description} <span className="text-slate-500">({t.timezone ?? "UTC"})</span>
                </p>
                <FireTimes times={t.next_fire_times} zone={t.timezone ?? "UTC"} />
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

/** Fire times as the schedule counts them: wall time in its own zone, which the label names. */
function FireTimes({ times, zone }: { times: string[]; zone: string }) {
  const format = new Intl.DateTimeFormat(undefined, { weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone });
  return (
    <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600 dark:text-slate-400" aria-label={`Next fire times (${zone})`}>
      {times.map((t) => (
        <li key={t} title={formatTime(t)}>
          {format.format(new Date(t))} <span className="text-slate-500">{zone}</span>
        </li>
      ))}
    </ol>
  );
}

/** Every IANA zone the browser knows, UTC first: a picker, so a typo cannot make a schedule. */
const ZONES = (() => {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
})();

function WebhookInfo({ url, secret }: { url: string; secret?: string }) {
  const curl = `SECRET='${secret ?? "<the webhook secret>"}'
t=$(date +%s); body='{"example": true}'
sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
curl -X POST '${url}' -H "X-Crystallize-Signature: t=$t,v1=$sig" -H 'content-type: application/json' -d "$body"`;
  return (
    <div className="mt-2 space-y-2">
      <p className="flex flex-wrap items-center gap-2">
        URL: <code className="break-all">{url}</code>
        <Button className="text-xs" onClick={() => navigator.clipboard.writeText(url)} aria-label="Copy the webhook URL">
          <Copy className="size-3" aria-hidden /> Copy URL
        </Button>
      </p>
      <p>
        Secret:{" "}
        {secret ? <code className="break-all" data-testid="webhook-secret">{secret}</code> : <span className="text-slate-500">shown once when created; rotate it to see a new one</span>}
      </p>
      <div className="relative">
        <pre className="rounded bg-slate-900 p-2 pr-20 text-xs break-all whitespace-pre-wrap text-slate-100">{curl}</pre>
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
              <select className={`${inputClass} mt-1`} value={tz} onChange={(e) => setTz(e.target.value)}>
                {(ZONES.includes(tz) ? ZONES : [tz, ...ZONES]).map((z) => (
                  <option key={z} value={z}>
                    {z.replaceAll("_", " ")}
                  </option>
                ))}
              </select>
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
          <p className="text-red-700 dark:text-red-300" role="alert">{readableError(preview.error.message)}</p>
        ) : preview.data ? (
          <div aria-live="polite">
            <p>{preview.data.description}</p>
            <FireTimes times={preview.data.next_fire_times} zone={tz} />
          </div>
        ) : null)}
    </form>
  );
}
