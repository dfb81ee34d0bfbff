import type { Edge } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { TDefinition } from "@/lib/automations/schemas";
import type { StepRun } from "@/lib/client/types";
import { edgesOf, layoutGraph, type EdgeRoute } from "@/lib/editor/graph";
import { chainGroups, collapseGroups, type ChainGroup } from "@/lib/editor/chains";
import { buildEdges, buildNodes, edgeWords, LABELLED_EDGES, type CanvasInputs, type Position } from "./flow-elements";
import type { CanvasNode } from "./step-node";

// A FlowCanvas draws from a store and reports to it. The editor's store (components/editor/store)
// and a run view's (below) both hold this part: the nodes and edges are state, rebuilt from their
// inputs whenever one changes, never cached by hand in the component.

export type CanvasState = {
  nodes: CanvasNode[];
  edges: Edge[];
  /** The layout's positions, by step; computed again only when the graph's shape changes. */
  layout: ReadonlyMap<string, Position>;
  stepCount: number;
  /** The groups long chains fall into, whether drawn closed or not (editing only). */
  groups: readonly ChainGroup[];
  editable: boolean;
  /** Shift/Ctrl/Meta-click picks several steps. */
  multi: boolean;
  /** Each new value brings these steps into view: an edit that replaced steps shows what it made. */
  reveal: { keys: readonly string[] } | null;
  /** One click's selection outcome: the steps now selected, and the one it added, if any. */
  selectionChanged: (selected: ReadonlySet<string>, added: string | undefined) => void;
  /** A plain click on a step that is one of several picked picks it alone. */
  stepClicked: (key: string, withModifier: boolean) => void;
  paneClicked: () => void;
  nodeMoved: (key: string, to: Position) => void;
  canConnect: (source: string, target: string) => boolean;
  /** Editing only. */
  connect?: (source: string, target: string, branch?: "true" | "false") => void;
  remove?: (steps: string[], edges: { source: string; target: string }[]) => void;
  triggerClicked?: () => void;
  /** Opens a closed group into its steps. */
  groupClicked?: (id: string) => void;
  /** Whether long chains are drawn as groups, and the switch (editing only). */
  grouping?: boolean;
  setGrouping?: (on: boolean) => void;
};

export type CanvasStore = StoreApi<CanvasState>;

/** A graph's shape: what the layout depends on, so typing in a step's inputs does not lay it out again. */
const shapeOf = (def: TDefinition) => def.steps.map((s) => `${s.key}<${s.depends_on.join(",")}`).join(";");

/** The part of a store that keepElementsCurrent uses: it writes only the canvas's own fields. */
type ElementsTarget<S> = {
  getState(): S;
  setState(patch: Pick<CanvasState, "nodes" | "edges" | "layout" | "stepCount" | "groups">): void;
  subscribe(listener: (s: S) => void): () => void;
};

/** What the elements are built from; with `grouping`, long chains are drawn closed except those `opened`. */
export type ElementInputs = Omit<CanvasInputs, "layout" | "closed" | "routes"> & { grouping?: boolean; opened?: ReadonlySet<string> };

/**
 * Keeps a store's nodes, edges and layout current: `inputsOf` reads what they are built from, and
 * whenever any of it changes (by identity) they are built again from the previous ones. The
 * layout is computed again only when the drawn graph's shape changes (steps, dependencies, which
 * groups are closed), so typing in a step's inputs does not move anything.
 */
export function keepElementsCurrent<S extends CanvasState>(store: ElementsTarget<S>, inputsOf: (s: S) => ElementInputs) {
  let inputs: ElementInputs | null = null;
  let shape = "";
  let groups: readonly ChainGroup[] = [];
  let closedIds = "";
  let routes: ReadonlyMap<string, EdgeRoute> = new Map();
  const update = (state: S) => {
    const next = inputsOf(state);
    if (inputs && (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === inputs![k])) return;
    const nextShape = inputs && next.definition === inputs.definition ? shape : shapeOf(next.definition);
    const first = inputs === null;
    inputs = next;
    if (nextShape !== shape) groups = next.grouping === undefined ? [] : chainGroups(next.definition);
    const closed = next.grouping ? groups.filter((g) => !next.opened?.has(g.id)) : [];
    const nextClosedIds = closed.map((g) => g.id).join(",");
    let layout = state.layout;
    if (first || nextShape !== shape || nextClosedIds !== closedIds) {
      const drawn = collapseGroups(next.definition, closed);
      // Room is made for the labels when every edge shows one (see LABELLED_EDGES).
      const graph = layoutGraph(drawn, edgesOf(drawn).length > LABELLED_EDGES ? undefined : edgeWords(next.definition));
      layout = graph.positions;
      routes = graph.routes;
    }
    shape = nextShape;
    closedIds = nextClosedIds;
    const all = { ...next, layout, closed, routes };
    const nodes = buildNodes(state.nodes, all);
    const edges = buildEdges(state.edges, all);
    const stepCount = next.definition.steps.length;
    if (nodes !== state.nodes || edges !== state.edges || layout !== state.layout || state.stepCount !== stepCount || state.groups !== groups)
      store.setState({ nodes, edges, layout, stepCount, groups });
  };
  update(store.getState());
  return store.subscribe(update);
}

type RunCanvasState = CanvasState & {
  definition: TDefinition;
  stepRuns: ReadonlyMap<string, StepRun>;
  selected: string | null;
  moved: ReadonlyMap<string, Position>;
  select: (key: string | null) => void;
  setRuns: (runs: ReadonlyMap<string, StepRun>) => void;
};

/** A run's canvas: read-only, one step selected at a time, drawn with each step's live state. */
export function createRunCanvasStore(definition: TDefinition, onSelect: (key: string | null) => void) {
  const store = createStore<RunCanvasState>()((set, get) => ({
    definition,
    stepRuns: new Map(),
    selected: null,
    moved: new Map(),
    nodes: [],
    edges: [],
    layout: new Map(),
    stepCount: 0,
    groups: [],
    editable: false,
    multi: false,
    reveal: null,
    select: (selected) => set({ selected }),
    setRuns: (stepRuns) => set({ stepRuns }),
    selectionChanged: (now, added) => {
      const open = get().selected;
      onSelect(added ?? (open && now.has(open) ? open : null));
    },
    stepClicked: () => {},
    paneClicked: () => onSelect(null),
    nodeMoved: (key, to) => set({ moved: new Map(get().moved).set(key, to) }),
    canConnect: () => false,
  }));
  const chosen = memoSet();
  keepElementsCurrent(store, (s) => ({ definition: s.definition, stepRuns: s.stepRuns, moved: s.moved, chosen: chosen(s.selected ? [s.selected] : []), editable: false }));
  return store;
}

/** A set that stays the same object while its members do, so an unchanged selection is no change. */
export function memoSet() {
  let last: ReadonlySet<string> = new Set();
  return (keys: readonly string[]): ReadonlySet<string> => {
    if (keys.length === last.size && keys.every((k) => last.has(k))) return last;
    last = new Set(keys);
    return last;
  };
}
