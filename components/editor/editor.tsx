"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, History, Play, Plus, Power, Redo2, Save, Search, SlidersHorizontal, TestTube2, Undo2, Upload, Zap } from "lucide-react";
import Link from "next/link";
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import type { Automation } from "@/lib/client/types";
import type { NewStep } from "@/lib/editor/graph";
import { BUILTIN_KINDS, STARTER_INPUTS } from "@/lib/editor/fields";
import { isBuiltinKind } from "@/lib/actions/registry";
import { activationQuery, automationKeys, automationQuery, versionQuery } from "@/lib/queries/automations";
import { countChanges } from "@/lib/automations/count-changes";
import { stepSubtitle } from "@/lib/editor/step-subtitle";
import { draftProblems } from "@/lib/editor/draft-problems";
import { summarizeTriggers } from "@/lib/editor/trigger-summary";
import { invalidateRuns } from "@/lib/queries/runs";
import { toolProviderListQuery } from "@/lib/queries/tool-providers";
import { blockerProblem } from "@/lib/editor/problem-fix";
import { needsReview } from "@/lib/automations/derive-metadata";
import { triggerListQuery } from "@/lib/queries/triggers";
import { makeLoop } from "@/lib/editor/loops";
import { FlowCanvas } from "../canvas/flow-canvas";
import { Button, ErrorAlert, Loading, StatusBadge } from "../ui/ui";
import { Dialog } from "../ui/dialog";
import { PublishDialog } from "./dialogs/publish-dialog";
import { ReplayDialog } from "./dialogs/replay-dialog";
import { RunNowDialog } from "./dialogs/run-now-dialog";
import { SaveDialog } from "./dialogs/save-dialog";
import { TriggersDialog } from "./dialogs/triggers-dialog";
import { VersionsDialog } from "./dialogs/versions-dialog";
import { StepPanel } from "./step-panel";
import { ParametersDialog } from "./parameters-dialog";
import { nowPreview, schedulePreview } from "./input-sources";
import { useLeaveGuard } from "./use-leave-guard";
import { LoopSuggestions, PickedSteps } from "./loop-suggestions";
import { createEditorStore, isDirty, selectedStep, type EditorStore } from "./store/editor-store";
import { EditorProvider, useEditor, useEditorStore, useHistory } from "./store/editor-context";

/** A toolbar label shown on wide screens only (screen readers always get it), so the toolbar fits one row at 1280 px. */
const WIDE_ONLY = "sr-only 2xl:not-sr-only";

/** Loads an automation and opens an editor on it, with a store of its own. */
export function AutomationEditor({ id }: { id: string }) {
  const q = useQuery(automationQuery(id));
  // A failed refetch keeps the automation (and the edits on it) open.
  if (q.data === undefined) return q.isError ? <ErrorAlert error={q.error} /> : <Loading label="Loading the automation…" />;
  return <EditorFor key={id} automation={q.data} />;
}

function EditorFor({ automation }: { automation: Automation }) {
  const [store] = useState(() => createEditorStore(automation));
  // A refetch (after a publish, a pause, a restore, a save elsewhere) updates the saved version;
  // the store decides whether the draft follows.
  useEffect(() => store.getState().refreshed(automation), [store, automation]);
  return (
    <EditorProvider store={store}>
      <Editor store={store} />
    </EditorProvider>
  );
}

function Editor({ store }: { store: EditorStore }) {
  const qc = useQueryClient();
  const automation = useEditor((s) => s.saved);
  const dirty = useEditor(isDirty);
  const dialog = useEditor((s) => s.dialog);
  const conflict = useEditor((s) => s.conflict);
  const hasSteps = useEditor((s) => s.def.steps.length > 0);
  const stepKey = useEditor((s) => selectedStep(s)?.key ?? null);
  const picked = useEditor((s) => s.picked);
  const flagged = useEditor((s) => s.def.steps.filter(needsReview).length);
  const unreviewed = useEditor((s) => s.def.steps.filter((x) => needsReview(x) && !x.reviewed).length);
  const parameters = useEditor((s) => s.def.parameters.length);
  const { canUndo, canRedo } = useHistory();
  const { undo, redo, openDialog, show, setConflict } = store.getState();
  const close = useCallback(() => openDialog(null), [openDialog]);

  // Template previews show what the next scheduled run would use, or a run now.
  const triggers = useQuery(triggerListQuery(automation.id));
  const nextFire = (triggers.data?.data ?? []).flatMap((t) => (t.kind === "schedule" && t.enabled ? t.next_fire_times.slice(0, 1) : [])).sort()[0];
  const previewAt = useMemo(() => (nextFire ? schedulePreview(nextFire) : nowPreview()), [nextFire]);
  const trigger = useMemo(() => (triggers.data ? summarizeTriggers(triggers.data.data, automation.status === "active") : null), [triggers.data, automation.status]);
  useEffect(() => {
    if (trigger) store.getState().setTrigger(trigger);
  }, [store, trigger]);

  // A change to the automation changes its row in the lists (and the merge picker) too; the
  // detail prefix reaches its versions, activation check, triggers and runs.
  const refresh = useCallback(
    () => Promise.all([qc.invalidateQueries({ queryKey: automationKeys.detail(automation.id) }), qc.invalidateQueries({ queryKey: automationKeys.lists() })]),
    [qc, automation.id],
  );
  /** Starts the draft over from the newest version on the server. */
  const reload = useCallback(async () => store.getState().replaceWith(await qc.fetchQuery({ ...automationQuery(automation.id), staleTime: 0 })), [qc, store, automation.id]);
  const saved = (next: Automation) => {
    store.getState().replaceWith(next);
    qc.setQueryData(automationKeys.detail(automation.id), next);
    void qc.invalidateQueries({ queryKey: automationKeys.versions(automation.id) });
    void qc.invalidateQueries({ queryKey: automationKeys.lists() });
    // Run lists show the automation's name, which a save may have changed.
    void invalidateRuns(qc, automation.id);
  };

  const tools = useQuery(toolProviderListQuery());
  // Problem steps, marked on their nodes: the saved version's check for the steps the draft left
  // alone, the browser's for those it changed, so an unbound tool shows before Activate does.
  const check = useQuery(activationQuery(automation.id, automation.version));
  const savedProblems = useMemo(
    () => new Map((check.data?.blockers ?? []).filter((b) => b.step && b.reason !== "unreviewed").map((b) => [b.step!, blockerProblem(b)])),
    [check.data],
  );
  const toolNames = useMemo(() => (tools.data ? new Set(tools.data.data.flatMap((p) => p.tools.map((t) => t.name))) : null), [tools.data]);

  const save = useMutation({
    mutationFn: (message: string) =>
      api<Automation>(`/api/v1/automations/${automation.id}`, { method: "PATCH", json: { base_version: automation.version, definition: store.getState().def, message } }),
    onSuccess: (next) => {
      close();
      saved(next);
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.status === 409) {
        close();
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
        if (isDirty(store.getState())) openDialog("save");
        return;
      }
      if (e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable=true]")) return;
      if (e.key.toLowerCase() === "z" && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((e.key.toLowerCase() === "z" && e.shiftKey) || e.key.toLowerCase() === "y") {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, openDialog, undo, redo]);
  // Leaving with unsaved edits asks first.
  const leave = useLeaveGuard(dirty);

  /** Walks the steps still to review, in step order, from the one open; the canvas brings each into view. */
  const nextFlagged = () => {
    const s = store.getState();
    const todo = s.def.steps.filter((x) => needsReview(x) && !x.reviewed);
    const at = todo.findIndex((x) => x.key === selectedStep(s)?.key);
    show(todo[(at + 1) % todo.length]!.key);
  };
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
        {flagged > 0 && (
          <span className="inline-flex items-center gap-1 rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-900 dark:bg-orange-900 dark:text-orange-100" data-testid="nondeterministic-count">
            <AlertTriangle className="size-3" aria-hidden /> {unreviewed ? `${unreviewed} of ${flagged} flagged to review` : `${flagged} flagged · all reviewed`}
          </span>
        )}
        {unreviewed > 0 && (
          <button type="button" className="text-xs font-medium text-orange-900 underline dark:text-orange-200" onClick={nextFlagged}>
            Next flagged step
          </button>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-1.5" role="toolbar" aria-label="Automation">
          <Button variant="ghost" onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            <Undo2 className="size-4" aria-hidden />
          </Button>
          <Button variant="ghost" onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            <Redo2 className="size-4" aria-hidden />
          </Button>
          <AddStepMenu onAdd={store.getState().addStep} tools={providerTools} />
          <Button variant="primary" onClick={() => openDialog("save")} disabled={!dirty}>
            <Save className="size-4" aria-hidden /> Save
          </Button>
          <Button onClick={() => openDialog("versions")} title="Versions: history, diff and restore">
            <History className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Versions</span>
          </Button>
          {automation.live_version !== null && automation.live_version !== automation.version && (
            <Button variant="primary" onClick={() => openDialog("publish")} disabled={dirty} title={dirty ? "Save your changes first" : `Make v${automation.version} the version triggers run`}>
              <Upload className="size-4" aria-hidden /> Publish
            </Button>
          )}
          {automation.status === "active" ? (
            <Button onClick={() => pause.mutate()} disabled={pause.isPending}>
              <Power className="size-4" aria-hidden /> Pause
            </Button>
          ) : (
            <Button onClick={() => openDialog("activate")} disabled={dirty && automation.live_version === null} title={dirty && automation.live_version === null ? "Save your changes first" : undefined}>
              <Power className="size-4" aria-hidden /> Activate
            </Button>
          )}
          <Button onClick={() => openDialog("parameters")} title="Parameters: the run's inputs">
            <SlidersHorizontal className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Parameters{parameters > 0 && ` (${parameters})`}</span>
          </Button>
          <Button onClick={() => openDialog("triggers")} title="Triggers: schedules, webhooks and events">
            <Zap className="size-4" aria-hidden /> <span className={WIDE_ONLY}>Triggers</span>
          </Button>
          <Button onClick={() => openDialog("replay")} disabled={!automation.source || dirty} title={!automation.source ? "Only crystallized automations have a source run" : dirty ? "Save your changes first" : undefined}>
            <TestTube2 className="size-4" aria-hidden /> Dry-run
          </Button>
          <Button onClick={() => openDialog("run")} disabled={dirty} title={dirty ? "Save your changes first" : undefined}>
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
          <Button onClick={() => void reload()}>Reload latest version</Button>
          <Button variant="ghost" onClick={() => setConflict(null)}>Keep my edits</Button>
        </div>
      )}
      <ErrorAlert error={save.error && !(save.error instanceof ApiRequestError && save.error.status === 409) ? save.error : review.error && !conflict ? review.error : pause.error} />
      <LoopSuggestionsBar />
      <DraftProblems savedProblems={savedProblems} tools={toolNames} />
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          {!hasSteps ? (
            <div className="p-8">
              <p className="font-medium">This automation has no steps yet.</p>
              <p className="text-sm text-slate-600 dark:text-slate-400">Add one from the toolbar, or crystallize an agent run from the run history.</p>
            </div>
          ) : (
            <FlowCanvas store={store} />
          )}
          <div className="absolute top-2 left-2 z-10 flex flex-wrap items-center gap-2">
            <StepList />
            <FindStep />
          </div>
          {picked.length > 1 && (
            <PickedSteps picked={picked} onMake={() => store.getState().applyLoopEdit(makeLoop(store.getState().def, picked))} onClear={() => store.getState().pick([])} />
          )}
        </div>
        {stepKey && (
          <div className="w-[26rem] shrink-0">
            <StepPanel
              stepKey={stepKey}
              // With edits pending, the review is one more edit, saved with them as the saver's review.
              onReview={() => (isDirty(store.getState()) ? store.getState().markReviewedLocally(stepKey) : review.mutate(stepKey))}
              reviewing={review.isPending}
              previewAt={previewAt}
            />
          </div>
        )}
      </div>
      <Dialog open={leave.pending !== null} onClose={leave.cancel} title="Leave without saving?">
        <p className="text-sm">Your changes to {automation.name} are not saved. If you leave now, they are lost.</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button onClick={leave.cancel}>Stay</Button>
          <Button onClick={() => (leave.cancel(), openDialog("save"))}>Save first</Button>
          <Button variant="danger" onClick={leave.proceed}>
            Leave without saving
          </Button>
        </div>
      </Dialog>
      <SaveDialog open={dialog === "save"} onClose={close} onSave={(m) => save.mutate(m)} saving={save.isPending} error={save.error} />
      <VersionsDialog open={dialog === "versions"} onClose={close} automation={automation} onRestored={() => (close(), void reload(), void refresh())} />
      {(dialog === "activate" || dialog === "publish") && (
        <PublishDialog
          open
          mode={dialog}
          onClose={close}
          automation={automation}
          onSelectStep={(k) => (close(), show(k))}
          onDryRun={automation.source ? () => openDialog("replay") : null}
          onDone={() => (close(), refresh())}
        />
      )}
      <ParametersDialog open={dialog === "parameters"} onClose={close} onSelectStep={(k) => (close(), show(k))} />
      <TriggersDialog open={dialog === "triggers"} onClose={close} automation={automation} />
      <RunNowDialog open={dialog === "run"} onClose={close} automation={automation} onDryRun={automation.source ? () => openDialog("replay") : null} />
      <ReplayDialog open={dialog === "replay"} onClose={close} automation={automation} />
    </div>
  );
}

/** Marks the draft's problem steps on the canvas; its own component, since it reads every edit. */
function DraftProblems({ savedProblems, tools }: { savedProblems: ReadonlyMap<string, string>; tools: ReadonlySet<string> | null }) {
  const store = useEditorStore();
  const saved = useEditor((s) => s.saved.definition);
  // Every keystroke is a new draft: the check waits for typing to pause.
  const draft = useDeferredValue(useEditor((s) => s.def));
  const problems = useMemo(() => (tools ? draftProblems({ saved, draft, savedProblems, tools }) : savedProblems), [saved, draft, savedProblems, tools]);
  useEffect(() => store.getState().setProblems(problems), [store, problems]);
  return null;
}

/** Like steps over one list, offered as one loop each. */
function LoopSuggestionsBar() {
  const store = useEditorStore();
  const def = useEditor((s) => s.def);
  return <LoopSuggestions def={def} onMake={(steps) => store.getState().applyLoopEdit(makeLoop(store.getState().def, steps))} />;
}

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

/** A keyboard-friendly list of the steps, over the canvas's corner: pick one to edit it. */
function StepList() {
  const store = useEditorStore();
  // One string per list, so typing in a step's inputs does not rebuild hundreds of options.
  const entries = useEditor((s) => s.def.steps.map((x) => `${x.key}\t${x.name || x.key}${needsReview(x) && !x.reviewed ? " (needs review)" : ""}`).join("\n"));
  const selected = useEditor((s) => selectedStep(s)?.key ?? null);
  return <StepSelect entries={entries} selected={selected} onSelect={store.getState().show} />;
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
function FindStep() {
  const store = useEditorStore();
  const steps = useEditor((s) => s.def.steps);
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const matches = useMemo(
    () => (q ? steps.filter((s) => [s.key, s.name ?? "", s.action_kind ?? s.type, stepSubtitle(s)].some((t) => t.toLowerCase().includes(q))).map((s) => s.key) : []),
    [steps, q],
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
          const s = store.getState();
          s.show(matches[(matches.indexOf(selectedStep(s)?.key ?? "") + 1) % matches.length]!);
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
