import { describe, expect, it } from "vitest";
import { ZDefinition, type TDefinition } from "@/lib/automations/schemas";
import type { Automation } from "@/lib/client/types";
import { setInputs, setStepFields } from "@/lib/editor/graph";
import { TRIGGER_NODE_ID } from "../../canvas/flow-elements";
import { createEditorStore, isDirty, selectedStep } from "./editor-store";

const definition: TDefinition = ZDefinition.parse({
  steps: [
    { key: "query", type: "action", action_kind: "run_sql", inputs: { sql: "select 1", data_source: "warehouse" } },
    { key: "notify", type: "action", action_kind: "notify", inputs: { message: "done" }, depends_on: ["query"] },
  ],
});
// The store reads the version, the definition and the status; the rest is the server's.
const automation = (version: number, def = definition, over: Partial<Automation> = {}) => ({ id: "auto_1", version, status: "draft", live_version: null, definition: def, ...over }) as Automation;

describe("the editor's store", () => {
  it("edits the draft, undoes and redoes, and knows when it differs from the saved version", () => {
    const store = createEditorStore(automation(1));
    const s = () => store.getState();
    expect(isDirty(s())).toBe(false);
    s().edit((d) => setStepFields(d, "query", { name: "Revenue" }));
    expect(isDirty(s())).toBe(true);
    expect(s().def.steps[0]!.name).toBe("Revenue");
    s().undo();
    expect(s().def).toBe(definition);
    expect(isDirty(s())).toBe(false);
    s().redo();
    expect(s().def.steps[0]!.name).toBe("Revenue");
  });

  it("undoes a burst of typing with one tag as one change, and different fields apart", () => {
    const store = createEditorStore(automation(1));
    const s = () => store.getState();
    for (const text of ["d", "do", "don", "done!"]) s().edit((d) => setInputs(d, "notify", { message: text }), "field:notify:message");
    s().edit((d) => setStepFields(d, "notify", { name: "Tell" }), "name:notify");
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    s().undo();
    expect(s().def.steps[1]!.inputs.message).toBe("done!");
    s().undo();
    expect(s().def).toBe(definition);
  });

  it("keeps the nodes current through edits and undo, and keeps unchanged nodes as they were", () => {
    const store = createEditorStore(automation(1));
    const s = () => store.getState();
    const before = s().nodes;
    // The trigger is drawn from the start (as "Triggers" until they are known).
    expect(before.map((n) => n.id)).toEqual(["query", "notify", TRIGGER_NODE_ID]);
    s().edit((d) => setInputs(d, "query", { sql: "select 1", data_source: "typed" }), "t");
    expect(s().nodes).toBe(before);
    s().select("notify");
    expect(s().nodes.find((n) => n.id === "notify")!.selected).toBe(true);
    expect(s().nodes[0]).toBe(before[0]);
    s().addStep({ type: "action", action_kind: "notify", inputs: { message: "x" } });
    expect(s().nodes.map((n) => n.id)).toEqual(["query", "notify", "notify_1", TRIGGER_NODE_ID]);
    // The new step follows the open one and opens, brought into view.
    expect(s().def.steps[2]!.depends_on).toEqual(["notify"]);
    expect(selectedStep(s())?.key).toBe("notify_1");
    expect(s().reveal).toEqual({ keys: ["notify_1"] });
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(["query", "notify", TRIGGER_NODE_ID]);
    expect(s().picked).toEqual([]);
  });

  it("draws the trigger it is given, which opens the triggers dialog", () => {
    const store = createEditorStore(automation(1));
    store.getState().setTrigger({ label: "Manual runs only" });
    expect(store.getState().nodes.find((n) => n.id === TRIGGER_NODE_ID)?.data).toEqual({ label: "Manual runs only" });
    store.getState().triggerClicked!();
    expect(store.getState().dialog).toBe("triggers");
  });

  it("follows the server: the same version keeps the draft, a newer one replaces a clean draft but never pending edits", () => {
    const store = createEditorStore(automation(1));
    const s = () => store.getState();
    // A refetch after a publish: same version, a fresh (equal) definition object, a new status.
    s().refreshed(automation(1, structuredClone(definition), { status: "active" }));
    expect(s().saved.status).toBe("active");
    expect(isDirty(s())).toBe(false);
    // Someone else saved v2 while nothing was edited here: the draft follows.
    const v2 = setStepFields(definition, "query", { name: "From v2" });
    s().refreshed(automation(2, v2));
    expect(s().def).toBe(v2);
    // With edits pending, v3 from elsewhere is left for the save to find.
    s().edit((d) => setStepFields(d, "notify", { name: "Mine" }));
    s().refreshed(automation(3, setStepFields(v2, "query", { name: "From v3" })));
    expect(s().saved.version).toBe(2);
    expect(s().def.steps[1]!.name).toBe("Mine");
    // A save replaces the draft with what the server kept, and starts the undo history over.
    s().replaceWith(automation(4, s().def));
    expect(isDirty(s())).toBe(false);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it("deleting picked steps drops them from the selection; a plain click on one of several picks it alone", () => {
    const store = createEditorStore(automation(1));
    const s = () => store.getState();
    s().selectionChanged(new Set(["notify", "query"]), "notify");
    expect(s().picked).toEqual(["query", "notify"]);
    s().stepClicked("notify", true);
    expect(s().picked).toEqual(["query", "notify"]);
    s().stepClicked("notify", false);
    expect(s().picked).toEqual(["notify"]);
    s().remove(["notify"], []);
    expect(s().picked).toEqual([]);
    expect(s().def.steps.map((x) => x.key)).toEqual(["query"]);
  });
});

describe("long chains in the editor", () => {
  const chain = (n: number) =>
    ZDefinition.parse({ steps: Array.from({ length: n }, (_, i) => ({ key: `s${i + 1}`, type: "action", action_kind: "transform", inputs: { expression: "$", data: null }, depends_on: i ? [`s${i}`] : [] })) });
  const stepIds = (s: { nodes: { id: string; type?: string }[] }) => s.nodes.filter((n) => n.type !== "trigger").map((n) => n.id);

  it("opens a long session as groups of ten, which open one at a time, and draws every step on request", () => {
    const store = createEditorStore(automation(1, chain(120)));
    const s = () => store.getState();
    expect(s().grouping).toBe(true);
    expect(stepIds(s())).toHaveLength(12);
    expect(stepIds(s())[0]).toBe("chain:s1");
    // The edges join the groups, and none can be deleted from here.
    expect(s().edges.filter((e) => !e.source.startsWith("__")).slice(0, 2).map((e) => [e.id, e.deletable])).toEqual([["chain:s1->chain:s11", false], ["chain:s11->chain:s21", false]]);
    s().groupClicked!("chain:s11");
    expect(stepIds(s())).toHaveLength(21);
    expect(s().edges.map((e) => e.id)).toContain("chain:s1->s11");
    // Showing a step inside a closed group opens it.
    s().show("s57");
    expect(stepIds(s())).toContain("s57");
    expect(selectedStep(s())?.key).toBe("s57");
    s().setGrouping(false);
    expect(stepIds(s())).toHaveLength(120);
  });

  it("draws a short automation step by step", () => {
    const store = createEditorStore(automation(1, chain(40)));
    expect(store.getState().grouping).toBe(false);
    expect(store.getState().groups).toHaveLength(4);
    expect(stepIds(store.getState())).toHaveLength(40);
  });
});
