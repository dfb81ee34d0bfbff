import { temporal } from "zundo";
import { createStore } from "zustand/vanilla";
import type { TDefinition, TStep } from "@/lib/automations/schemas";
import type { Automation } from "@/lib/client/types";
import { dropStaleLocalReviews, markReviewedLocally } from "@/lib/automations/reviewed-part";
import { addStep, canConnect, connect, deleteStep, disconnect, mapStep, type NewStep } from "@/lib/editor/graph";
import type { LoopEdit } from "@/lib/editor/loops";
import { keepElementsCurrent, memoSet, type CanvasState } from "../../canvas/canvas-store";
import type { Position } from "../../canvas/flow-elements";
import type { TriggerSummary } from "@/lib/editor/trigger-summary";

// The state of one open automation's editor: the draft being edited (with its undo history), the
// steps picked on the canvas, which dialog is open, and the canvas's nodes and edges built from
// them. Server state (the saved automation, its triggers and checks) comes from react-query and is
// handed in; the editor's parts read what they need from here rather than through props.

export type DialogName = "save" | "versions" | "activate" | "publish" | "triggers" | "run" | "replay" | "parameters";
/** An edit: the next definition from the current one. */
export type Edit = (def: TDefinition) => TDefinition;

export type EditorState = CanvasState & {
  /** The version on the server that the draft started from. */
  saved: Automation;
  /** The draft: the saved definition until the first edit. */
  def: TDefinition;
  /** The steps picked on the canvas, in step order; one picked step is the one whose panel is open. */
  picked: string[];
  moved: ReadonlyMap<string, Position>;
  dialog: DialogName | null;
  /** Someone else saved a newer version while this draft was edited. */
  conflict: string | null;
  problems: ReadonlyMap<string, string>;
  trigger: TriggerSummary | null;
  /** Long chains drawn as closed groups, but for those opened. */
  grouping: boolean;
  opened: ReadonlySet<string>;

  /** Applies an edit; edits with the same `tag` within a second undo as one (typing a query). */
  edit: (f: Edit, tag?: string) => void;
  undo: () => void;
  redo: () => void;
  pick: (keys: string[]) => void;
  select: (key: string | null) => void;
  /** Opens a step picked outside the canvas (a list, a blocker, a flag) and brings it into view. */
  show: (key: string | null) => void;
  addStep: (s: NewStep) => void;
  /** A loop edit (make or unroll) as one undoable change, its loop (or first step) then open; answers why it was refused. */
  applyLoopEdit: (edit: LoopEdit) => string | null;
  /** The review marked on unsaved edits: one more edit, saved with them as the saver's review. */
  markReviewedLocally: (key: string) => void;
  remove: NonNullable<CanvasState["remove"]>;
  /** Draws long chains as groups (or every step); either way, no group starts open. */
  setGrouping: (on: boolean) => void;
  openDialog: (name: DialogName | null) => void;
  setConflict: (message: string | null) => void;
  setProblems: (problems: ReadonlyMap<string, string>) => void;
  setTrigger: (trigger: TriggerSummary | null) => void;
  /** The server's automation, fetched again: adopted as the saved version unless it would drop edits. */
  refreshed: (a: Automation) => void;
  /** A version this editor made or asked for (a save, a review, a reload): the draft starts over from it. */
  replaceWith: (a: Automation) => void;
};

export type EditorStore = ReturnType<typeof createEditorStore>;

const COALESCE_MS = 1000;
/** Past this many steps, long chains open as groups: a 164-call session is otherwise one column nobody can read. */
const GROUPED_FROM = 100;
const UNDO_LIMIT = 200;

export const isDirty = (s: Pick<EditorState, "def" | "saved">) => s.def !== s.saved.definition;
/** The picked steps that still exist (an undo may have removed one). */
export const livePicked = (s: Pick<EditorState, "def" | "picked">) => (s.picked.every((k) => s.def.steps.some((x) => x.key === k)) ? s.picked : s.picked.filter((k) => s.def.steps.some((x) => x.key === k)));
export const selectedStep = (s: Pick<EditorState, "def" | "picked">): TStep | null => (s.picked.length === 1 ? (s.def.steps.find((x) => x.key === s.picked[0]) ?? null) : null);

export function createEditorStore(automation: Automation, picked: string[] = []) {
  // What the next recorded change is tagged with, and the last one's tag and time: a change with
  // the tag of the one just before, within a second, is not recorded again.
  let tagOfChange: string | undefined;
  let lastTag: string | undefined;
  let lastAt = 0;
  const store = createStore<EditorState>()(
    temporal(
      (set, get) => ({
        saved: automation,
        def: automation.definition,
        picked,
        moved: new Map(),
        dialog: null,
        conflict: null,
        problems: new Map(),
        // Drawn from the start, so the first view has room for it; the triggers fill it in.
        trigger: { label: "Triggers" },
        nodes: [],
        edges: [],
        layout: new Map(),
        stepCount: 0,
        groups: [],
        grouping: automation.definition.steps.length > GROUPED_FROM,
        opened: new Set(),
        editable: true,
        multi: true,
        reveal: picked.length ? { keys: picked } : null,

        edit: (f, tag) => {
          const next = f(get().def);
          if (next === get().def) return;
          tagOfChange = tag;
          set({ def: dropStaleLocalReviews(next) });
          tagOfChange = undefined;
        },
        undo: () => {
          lastTag = undefined;
          store.temporal.getState().undo();
        },
        redo: () => {
          lastTag = undefined;
          store.temporal.getState().redo();
        },
        pick: (keys) => set({ picked: keys }),
        select: (key) => set({ picked: key ? [key] : [] }),
        show: (key) => {
          if (!key) return set({ picked: [] });
          // A step inside a closed group is shown by opening the group.
          const group = get().grouping ? get().groups.find((g) => g.keys.includes(key) && !get().opened.has(g.id)) : undefined;
          set({ picked: [key], reveal: { keys: [key] }, ...(group ? { opened: new Set(get().opened).add(group.id) } : {}) });
        },
        addStep: (s) => {
          const open = selectedStep(get());
          const out = addStep(get().def, s, open?.key);
          get().edit(() => out.def);
          get().show(out.key);
        },
        applyLoopEdit: (edit) => {
          if ("problem" in edit) return edit.problem;
          const before = new Set(get().def.steps.map((s) => s.key));
          get().edit(() => edit.definition);
          // The steps it made may lie outside the view, or under the panel that opens on them.
          set({ picked: [edit.focus], reveal: { keys: edit.definition.steps.filter((s) => s.key === edit.focus || !before.has(s.key)).map((s) => s.key) } });
          return null;
        },
        markReviewedLocally: (key) => get().edit((d) => mapStep(d, key, markReviewedLocally)),
        openDialog: (dialog) => set({ dialog }),
        setConflict: (conflict) => set({ conflict }),
        setProblems: (problems) => set({ problems }),
        setTrigger: (trigger) => set({ trigger }),
        refreshed: (a) => {
          const s = get();
          if (a.version === s.saved.version) {
            // The same version (its status or live version may have moved): the draft is kept, and
            // so is the saved definition's identity, which is what "unsaved" is measured against.
            set({ saved: { ...a, definition: s.saved.definition } });
          } else if (!isDirty(s)) s.replaceWith(a);
          // With edits pending, a newer version is left for the save to find (409, and the choice).
        },
        replaceWith: (a) => {
          set({ saved: a, def: a.definition, conflict: null });
          store.temporal.getState().clear();
          lastTag = undefined;
        },

        // The canvas's events.
        selectionChanged: (now) => get().pick(get().def.steps.map((s) => s.key).filter((k) => now.has(k))),
        stepClicked: (key, withModifier) => {
          // React Flow leaves a multi-selection alone when one of its nodes is clicked; a plain
          // click picks that step alone, as it does anywhere else.
          if (!withModifier && get().picked.length > 1) get().pick([key]);
        },
        paneClicked: () => get().pick([]),
        nodeMoved: (key, to) => set({ moved: new Map(get().moved).set(key, to) }),
        canConnect: (source, target) => canConnect(get().def, source, target),
        connect: (source, target, branch) => get().edit((d) => connect(d, source, target, branch)),
        remove: (steps, edges) => {
          get().edit((d) => {
            let next = d;
            for (const e of edges) next = disconnect(next, e.source, e.target);
            for (const k of steps) next = deleteStep(next, k);
            return next;
          });
          set({ picked: get().picked.filter((k) => !steps.includes(k)) });
        },
        triggerClicked: () => set({ dialog: "triggers" }),
        groupClicked: (id) => {
          const group = get().groups.find((g) => g.id === id);
          set({ opened: new Set(get().opened).add(id), ...(group ? { reveal: { keys: group.keys } } : {}) });
        },
        setGrouping: (grouping) => set({ grouping, opened: new Set() }),
      }),
      {
        partialize: (s) => ({ def: s.def }),
        equality: (a, b) => a.def === b.def,
        limit: UNDO_LIMIT,
        handleSet: (record) => (past, replace, current, delta) => {
          const now = Date.now();
          const merge = tagOfChange !== undefined && tagOfChange === lastTag && now - lastAt < COALESCE_MS;
          lastTag = tagOfChange;
          lastAt = now;
          // zundo types what it hands over as a setState, but it is its recorder, which takes all four.
          if (!merge) (record as unknown as (...a: unknown[]) => void)(past, replace, current, delta);
        },
      },
    ),
  );
  // An undo may remove a picked step: the selection drops it at once, before anything reads it.
  store.subscribe((s) => {
    const live = livePicked(s);
    if (live !== s.picked) store.setState({ picked: live });
  });
  const chosen = memoSet();
  keepElementsCurrent(store, (s) => ({ definition: s.def, moved: s.moved, chosen: chosen(s.picked), problems: s.problems, editable: true, trigger: s.trigger, grouping: s.grouping, opened: s.opened }));
  return store;
}
