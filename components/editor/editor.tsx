"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, History, Play, Plus, Power, Redo2, Save, Search, SlidersHorizontal, TestTube2, Undo2, Upload, Zap } from "lucide-react";
import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import type { TDefinition } from "@/lib/automations/schemas";
import { api, ApiRequestError } from "@/lib/client/api";
import type { Automation } from "@/lib/client/types";
import { addStep, connect, deleteStep, disconnect, type NewStep } from "@/lib/editor/graph";
import { BUILTIN_KINDS, STARTER_INPUTS } from "@/lib/editor/fields";
import { isBuiltinKind } from "@/lib/actions/registry";
import { activationQuery, automationKeys, automationQuery, versionQuery } from "@/lib/queries/automations";
import { countChanges } from "@/lib/automations/count-changes";
import { stepSubtitle } from "@/lib/editor/step-subtitle";
import { invalidateRuns } from "@/lib/queries/runs";
import { toolProviderListQuery } from "@/lib/queries/tool-providers";
import { FlowCanvas } from "../canvas/flow-canvas";
import { Button, ErrorAlert, Loading, StatusBadge } from "../ui/ui";
import { PublishDialog } from "./dialogs/publish-dialog";
import { ReplayDialog } from "./dialogs/replay-dialog";
import { RunNowDialog } from "./dialogs/run-now-dialog";
import { SaveDialog } from "./dialogs/save-dialog";
import { TriggersDialog } from "./dialogs/triggers-dialog";
import { VersionsDialog } from "./dialogs/versions-dialog";
import { StepPanel } from "./step-panel";
import { ParametersDialog } from "./parameters-dialog";
import { nowPreview, schedulePreview } from "./input-sources";
import { needsReview } from "@/lib/automations/derive-metadata";
import { triggerListQuery } from "@/lib/queries/triggers";
import { useUndoable } from "./use-undoable";
import { dropStaleLocalReviews, markReviewedLocally } from "@/lib/automations/reviewed-part";
import { useLeaveGuard } from "./use-leave-guard";
import { Dialog } from "../ui/dialog";
import { makeLoop, type LoopEdit } from "@/lib/editor/loops";
import { LoopSuggestions, PickedSteps } from "./loop-suggestions";

/** A toolbar label shown on wide screens only (screen readers always get it), so the toolbar fits one row at 1280 px. */
const WIDE_ONLY = "sr-only 2xl:not-sr-only";

type DialogName = "save" | "versions" | "activate" | "publish" | "triggers" | "run" | "replay" | "parameters" | null;

/** Loads an automation and hands its current version to the editor; reloading starts afresh. */
export function AutomationEditor({ id }: { id: string }) {
  const q = useQuery(automationQuery(id));
  const [remembered, setRemembered] = useState<string[]>([]);
  if (q.isPending) return <Loading label="Loading the automation…" />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  // Keyed by version: a save, review, reload or restore remounts the editor on the new
  // definition. The steps picked survive it, so the panel stays open on the step being worked on.
  return <Editor key={`${q.data.id}@${q.data.version}`} automation={q.data} remembered={remembered} onPicked={setRemembered} />;
}

function Editor({ automation, remembered, onPicked }: { automation: Automation; remembered: string[]; onPicked: (keys: string[]) => void }) {
  const qc = useQueryClient();
  const history = useUndoable<TDefinition>(automation.definition);
  const def = history.value;
  const dirty = def !== automation.definition;
  // The steps picked on the canvas; one picked step is the one whose panel is open.
  const [picked, setPicked] = useState<string[]>(remembered);
  useEffect(() => onPicked(picked), [picked, onPicked]);
  const keys = useMemo(() => new Set(def.steps.map((s) => s.key)), [def.steps]);
  const live = useMemo(() => (picked.every((k) => keys.has(k)) ? picked : picked.filter((k) => keys.has(k))), [picked, keys]);
  const selected = live.length === 1 ? live[0]! : null;
  const setSelected = useCallback((key: string | null) => setPicked(key ? [key] : []), []);
  const [reveal, setReveal] = useState<{ keys: string[] } | null>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const step = def.steps.find((s) => s.key === selected) ?? null;
  const flagged = def.steps.filter(needsReview);
  const unreviewed = flagged.filter((s) => !s.reviewed);
  // Template previews show what the next scheduled run would use, or a run now.
  const triggers = useQuery(triggerListQuery(automation.id));
  const nextFire = (triggers.data?.data ?? []).flatMap((t) => (t.kind === "schedule" && t.enabled ? t.next_fire_times.slice(0, 1) : [])).sort()[0];
  const previewAt = useMemo(() => (nextFire ? schedulePreview(nextFire) : nowPreview()), [nextFire]);
  // A change to the automation changes its row in the lists (and the merge picker) too; the
  // detail prefix reaches its versions, activation check, triggers and runs.
  const refresh = useCallback(
    () => Promise.all([qc.invalidateQueries({ queryKey: automationKeys.detail(automation.id) }), qc.invalidateQueries({ queryKey: automationKeys.lists() })]),
    [qc, automation.id],
  );
  const saved = (next: Automation) => {
    qc.setQueryData(automationKeys.detail(automation.id), next);
    void qc.invalidateQueries({ queryKey: automationKeys.versions(automation.id) });
    void qc.invalidateQueries({ queryKey: automationKeys.lists() });
    // Run lists show the automation's name, which a save may have changed.
    void invalidateRuns(qc, automation.id);
  };

  const tools = useQuery(toolProviderListQuery());
  // The saved version's blockers, marked on their nodes: an unbound tool shows before Activate does.
  const check = useQuery(activationQuery(automation.id, automation.version));
  const problems = useMemo(
    () => new Map((check.data?.blockers ?? []).filter((b) => b.step && b.reason !== "unreviewed").map((b) => [b.step!, `${b.reason === "unbound_tool" ? "unbound tool" : "invalid inputs"}: ${b.message}`])),
    [check.data],
  );

  const save = useMutation({
    mutationFn: (message: string) =>
      api<Automation>(`/api/v1/automations/${automation.id}`, { method: "PATCH", json: { base_version: automation.version, definition: def, message } }),
    onSuccess: (next) => {
      setDialog(null);
      saved(next);
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.status === 409) {
        setDialog(null);
        setConflict(err.message);
      }
    },
  });
  const review = useMutation({
    mutationFn: (key: string) => api<Automation>(`/api/v1/automations/${automation.id}/steps/${key}/review`, { method: "POST", json: { base_version: automation.version } }),
    onSuccess: saved,
    onError: (err) => err instanceof ApiRequestError && err.status === 409 && setConflict(err.message),
  });
  const pause = useMutation({
    mutationFn: () => api(`/api/v1/automations/${automation.id}/pause`, { method: "POST", json: {} }),
    onSuccess: refresh,
  });

  // Ctrl+S saves anywhere; undo/redo from the keyboard work outside text fields, which keep their own.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key.toLowerCase() === "s") {
        e.preventDefault();
        if (dirty) setDialog("save");
        return;
      }
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select, [contenteditable=true]")) return;
      if (e.key.toLowerCase() === "z" && !e.shiftKey) {
        e.preventDefault();
        history.undo();
      } else if ((e.key.toLowerCase() === "z" && e.shiftKey) || e.key.toLowerCase() === "y") {
        e.preventDefault();
        history.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [history, dirty]);
  // Leaving with unsaved edits asks first.
  const leave = useLeaveGuard(dirty);

  /** Opens a step picked outside the canvas (a list, a blocker, a flag) and pans the canvas to it. */
  const showStep = (key: string | null) => {
    setSelected(key);
    if (key) setReveal({ keys: [key] });
  };
  /** Walks the steps still to review, in step order, from the one open; the canvas brings each into view. */
  const nextFlagged = () => {
    const at = unreviewed.findIndex((s) => s.key === selected);
    const next = unreviewed[(at + 1) % unreviewed.length]!;
    showStep(next.key);
  };
  // Every edit goes through here: a review marked on unsaved edits lapses when its step changes.
  const apply = useCallback((next: TDefinition) => history.apply(dropStaleLocalReviews(next)), [history]);

  const add = (s: NewStep) => {
    const out = addStep(def, s, selected);
    apply(out.def);
    showStep(out.key);
  };
  const onConnect = useCallback((source: string, target: string, branch?: "true" | "false") => history.apply(connect(def, source, target, branch)), [def, history]);
  const onDelete = useCallback(
    (steps: string[], edges: { source: string; target: string }[]) => {
      let next = def;
      for (const e of edges) next = disconnect(next, e.source, e.target);
      for (const k of steps) next = deleteStep(next, k);
      history.apply(next);
      setPicked((p) => p.filter((k) => !steps.includes(k)));
    },
    [def, history],
  );
  /** A loop edit (make or unroll) as one undoable change, its loop (or first step) then open. */
  const applyLoopEdit = useCallback(
    (edit: LoopEdit): string | null => {
      if ("problem" in edit) return edit.problem;
      history.apply(edit.definition);
      setPicked([edit.focus]);
      // The steps it made may lie outside the view, or under the panel that opens on them.
      setReveal({ keys: edit.definition.steps.filter((s) => s.key === edit.focus || !keys.has(s.key)).map((s) => s.key) });
      return null;
    },
    [history, keys],
  );
  const providerTools = useMemo(() => (tools.data?.data ?? []).flatMap((p) => p.tools.map((t) => ({ provider: p.name, name: t.name }))), [tools.data]);

  return (
    <div className="-m-4 flex h-[calc(100vh-0px)] flex-col md:-m-6">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/automations" className="hover:underline">Automations</Link> /
        </nav>
        <h1 className="text-lg font-semibold">{automation.name}</h1>
        <StatusBadge status={automation.status} />
        <span className="text-sm text-slate-500" data-testid="version">v{automation.version}{dirty && " · unsaved changes"}</span>
        <LiveStatus automation={automation} unreviewed={automation.definition.metadata.unreviewed_steps.length} />
        {flagged.length > 0 && (
          <span className="inline-flex items-center gap-1 rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-900 dark:bg-orange-900 dark:text-orange-100" data-testid="nondeterministic-count">
            <AlertTriangle className="size-3" aria-hidden /> {unreviewed.length ? `${unreviewed.length} of ${flagged.length} flagged to review` : `${flagged.length} flagged · all reviewed`}
          </span>
        )}
        {unreviewed.length > 0 && (
          <button type="button" className="text-xs font-medium text-orange-900 underline dark:text-orange-200" onClick={nextFlagged}>
            Next flagged step
          </button>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-1.5" role="toolbar" aria-label="Automation">
          <Button variant="ghost" onClick={history.undo} disabled={!history.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            <Undo2 className="size-4" aria-hidden />
          </Button>
          <Button variant="ghost" onClick={history.redo} disabled={!history.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            <Redo2 className="size-4" aria-hidden />
          </Button>
          <AddStepMenu onAdd={add} tools={providerTools} />
          <Button variant="primary" onClick={() => setDialog("save")} disabled={!dirty}>
            <Save className="size-4" aria-hidden /> Save
          </Button>
          <Button onClick={() => setDialog("versions")} title="Versions: history, diff and restore">
            <History className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Versions</span>
          </Button>
          {automation.live_version !== null && automation.live_version !== automation.version && (
            <Button variant="primary" onClick={() => setDialog("publish")} disabled={dirty} title={dirty ? "Save your changes first" : `Make v${automation.version} the version triggers run`}>
              <Upload className="size-4" aria-hidden /> Publish
            </Button>
          )}
          {automation.status === "active" ? (
            <Button onClick={() => pause.mutate()} disabled={pause.isPending}>
              <Power className="size-4" aria-hidden /> Pause
            </Button>
          ) : (
            <Button onClick={() => setDialog("activate")} disabled={dirty && automation.live_version === null} title={dirty && automation.live_version === null ? "Save your changes first" : undefined}>
              <Power className="size-4" aria-hidden /> Activate
            </Button>
          )}
          <Button onClick={() => setDialog("parameters")} title="Parameters: the run's inputs">
            <SlidersHorizontal className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Parameters{def.parameters.length > 0 && ` (${def.parameters.length})`}</span>
          </Button>
          <Button onClick={() => setDialog("triggers")} title="Triggers: schedules, webhooks and events">
            <Zap className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Triggers</span>
          </Button>
          <Button onClick={() => setDialog("replay")} disabled={!automation.source || dirty} title={!automation.source ? "Only crystallized automations have a source run" : dirty ? "Save your changes first" : undefined}>
            <TestTube2 className="size-4" aria-hidden /> Dry-run
          </Button>
          <Button onClick={() => setDialog("run")} disabled={dirty} title={dirty ? "Save your changes first" : undefined}>
            <Play className="size-4" aria-hidden /> Run now
          </Button>
          <Link href={`/runs?automation=${automation.id}`} className="px-2 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
            Runs
          </Link>
        </div>
      </div>
      {conflict && (
        <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <AlertTriangle className="size-4" aria-hidden />
          <span>Someone else saved this automation while you were editing. {conflict}</span>
          <Button onClick={() => (setConflict(null), refresh())}>Reload latest version</Button>
          <Button variant="ghost" onClick={() => setConflict(null)}>Keep my edits</Button>
        </div>
      )}
      <ErrorAlert error={save.error && !(save.error instanceof ApiRequestError && save.error.status === 409) ? save.error : review.error && !conflict ? review.error : pause.error} />
      <LoopSuggestions def={def} onMake={(steps) => applyLoopEdit(makeLoop(def, steps))} />
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          {def.steps.length === 0 ? (
            <div className="p-8">
              <p className="font-medium">This automation has no steps yet.</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">Add one from the toolbar, or crystallize an agent run from the run history.</p>
            </div>
          ) : (
            <FlowCanvas definition={def} problems={problems} selected={selected} onSelect={setSelected} picked={live} onPick={setPicked} reveal={reveal} onConnect={onConnect} onDelete={onDelete} />
          )}
          <div className="absolute top-2 left-2 z-10 flex flex-wrap items-center gap-2">
            <StepList def={def} selected={selected} onSelect={showStep} />
            <FindStep def={def} selected={selected} onFind={showStep} />
          </div>
          {live.length > 1 && <PickedSteps picked={live} onMake={() => applyLoopEdit(makeLoop(def, live))} onClear={() => setPicked([])} />}
        </div>
        {step && (
          <div className="w-[26rem] shrink-0">
            <StepPanel
              def={def}
              step={step}
              apply={apply}
              onLoopEdit={applyLoopEdit}
              onClose={() => setSelected(null)}
              onDelete={() => onDelete([step.key], [])}
              // With edits pending, the review is one more edit, saved with them as the saver's review.
              onReview={() => (dirty ? apply({ ...def, steps: def.steps.map((s) => (s.key === step.key ? markReviewedLocally(s) : s)) }) : review.mutate(step.key))}
              reviewing={review.isPending}
              reviewBlocked={null}
              previewAt={previewAt}
              reviewerNames={automation.reviewer_names}
            />
          </div>
        )}
      </div>
      <Dialog open={leave.pending !== null} onClose={leave.cancel} title="Leave without saving?">
        <p className="text-sm">Your changes to {automation.name} are not saved. If you leave now, they are lost.</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button onClick={leave.cancel}>Stay</Button>
          <Button onClick={() => (leave.cancel(), setDialog("save"))}>Save first</Button>
          <Button variant="danger" onClick={leave.proceed}>
            Leave without saving
          </Button>
        </div>
      </Dialog>
      <SaveDialog open={dialog === "save"} onClose={() => setDialog(null)} onSave={(m) => save.mutate(m)} saving={save.isPending} error={save.error} />
      <VersionsDialog open={dialog === "versions"} onClose={() => setDialog(null)} automation={automation} onRestored={() => (setDialog(null), refresh())} />
      {(dialog === "activate" || dialog === "publish") && (
        <PublishDialog
          open
          mode={dialog}
          onClose={() => setDialog(null)}
          automation={automation}
          onSelectStep={(k) => (setDialog(null), showStep(k))}
          onDryRun={automation.source ? () => setDialog("replay") : null}
          onDone={() => (setDialog(null), refresh())}
        />
      )}
      <ParametersDialog open={dialog === "parameters"} onClose={() => setDialog(null)} def={def} apply={apply} onSelectStep={(k) => (setDialog(null), showStep(k))} />
      <TriggersDialog open={dialog === "triggers"} onClose={() => setDialog(null)} automation={automation} />
      <RunNowDialog open={dialog === "run"} onClose={() => setDialog(null)} automation={automation} onDryRun={automation.source ? () => setDialog("replay") : null} />
      <ReplayDialog open={dialog === "replay"} onClose={() => setDialog(null)} automation={automation} />
    </div>
  );
}

/** A keyboard-friendly list of the steps, over the canvas's corner: pick one to edit it. */
/**
 * What triggers run, beside what is being edited: "Live: v4 · 2 changes, 1 to review" when the
 * draft head is ahead of the live version, "Live" when they are one, "Not published" before the first.
 */
function LiveStatus({ automation, unreviewed }: { automation: Automation; unreviewed: number }) {
  const live = automation.live_version;
  const ahead = live !== null && live !== automation.version;
  const liveDef = useQuery({ ...versionQuery(automation.id, live ?? 0), enabled: ahead });
  const changes = liveDef.data ? countChanges(liveDef.data.definition, automation.definition) : null;
  const pill = "rounded-full px-2 py-0.5 text-xs font-medium";
  if (live === null)
    return (
      <span data-testid="live-status" className={`${pill} bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300`} title="Nothing runs from triggers until it is activated">
        Not published
      </span>
    );
  if (!ahead)
    return (
      <span data-testid="live-status" className={`${pill} bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100`} title="Triggers run this version">
        Live
      </span>
    );
  const detail = [changes === null ? null : `${changes} change${changes === 1 ? "" : "s"}`, unreviewed ? `${unreviewed} to review` : null].filter(Boolean).join(", ");
  return (
    <span data-testid="live-status" className={`${pill} bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100`} title={`Triggers run v${live} until you publish v${automation.version}`}>
      Live: v{live} · Draft: v{automation.version}
      {detail && ` (${detail})`}
    </span>
  );
}

function StepList({ def, selected, onSelect }: { def: TDefinition; selected: string | null; onSelect: (k: string) => void }) {
  // One string per list, so typing in a step's inputs does not rebuild hundreds of options.
  const entries = def.steps.map((s) => `${s.key}\t${s.name || s.key}${needsReview(s) && !s.reviewed ? " (needs review)" : ""}`).join("\n");
  return <StepSelect entries={entries} selected={selected} onSelect={onSelect} />;
}

const StepSelect = memo(function StepSelect({ entries, selected, onSelect }: { entries: string; selected: string | null; onSelect: (k: string) => void }) {
  return (
    <label className="flex items-center gap-1 rounded-md bg-white/90 px-2 py-1 text-xs shadow dark:bg-slate-900/90">
      Step
      <select className="max-w-48 bg-transparent text-xs" value={selected ?? ""} onChange={(e) => e.target.value && onSelect(e.target.value)} aria-label="Select a step to edit">
        <option value="">choose…</option>
        {(entries ? entries.split("\n") : []).map((line) => {
          const [key, label] = line.split("\t");
          return (
            <option key={key} value={key}>
              {label}
            </option>
          );
        })}
      </select>
    </label>
  );
});

/**
 * Finds steps by name, key, kind or what they do ("orders", "run_sql", "POST"): Enter opens the
 * next match after the open step and brings it into view.
 */
function FindStep({ def, selected, onFind }: { def: TDefinition; selected: string | null; onFind: (k: string) => void }) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const matches = useMemo(
    () => (q ? def.steps.filter((s) => [s.key, s.name ?? "", s.action_kind ?? s.type, stepSubtitle(s)].some((t) => t.toLowerCase().includes(q))).map((s) => s.key) : []),
    [def.steps, q],
  );
  return (
    <label className="flex items-center gap-1 rounded-md bg-white/90 px-2 py-1 text-xs shadow dark:bg-slate-900/90">
      <Search className="size-3" aria-hidden />
      <input
        type="search"
        className="w-36 bg-transparent text-xs outline-none"
        placeholder="Find a step…"
        aria-label="Find a step"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter" || matches.length === 0) return;
          e.preventDefault();
          onFind(matches[(matches.indexOf(selected ?? "") + 1) % matches.length]!);
        }}
      />
      {q && (
        <span className="text-slate-500" aria-live="polite">
          {matches.length === 0 ? "no match" : `${matches.length} match${matches.length === 1 ? "" : "es"}`}
        </span>
      )}
    </label>
  );
}

function AddStepMenu({ onAdd, tools }: { onAdd: (s: NewStep) => void; tools: { provider: string; name: string }[] }) {
  return (
    <label className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
      <Plus className="size-4" aria-hidden />
      <span className="sr-only">Add a step</span>
      <select
        className="max-w-28 bg-transparent"
        value=""
        aria-label="Add a step"
        onChange={(e) => {
          const kind = e.target.value;
          if (kind === "condition" || kind === "approval_gate") onAdd({ type: kind, inputs: STARTER_INPUTS[kind] });
          else if (kind) onAdd({ type: "action", action_kind: kind, inputs: isBuiltinKind(kind) ? STARTER_INPUTS[kind] : {} });
        }}
      >
        <option value="">Add step…</option>
        <optgroup label="Control flow">
          <option value="condition">Condition (true / false branches)</option>
          <option value="approval_gate">Approval gate</option>
        </optgroup>
        <optgroup label="Built-in actions">
          {BUILTIN_KINDS.map((k) => (
            <option key={k.kind} value={k.kind} title={k.description}>
              {k.label}
            </option>
          ))}
        </optgroup>
        {tools.length > 0 && (
          <optgroup label="Tools">
            {tools.map((t) => (
              <option key={`${t.provider}:${t.name}`} value={t.name}>
                {t.name} ({t.provider})
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
