import { describe, expect, it } from "vitest";
import { crystallize } from "../crystallize/crystallize";
import { call, transcript } from "../../tests/crystallize-fixtures";
import { normalizeDefinition } from "../automations/validate-definition";
import { ZDefinition, type TDefinition } from "../automations/schemas";
import { makeLoop, unrollLoop } from "./loops";

// The editor's loop edits: a candidate loop made into one in one click, and a loop back into steps.

const list = { reservations: [{ id: "R-7731" }, { id: "R-7732" }, { id: "R-7733" }] };
const get = (id: string) => call("get_reservation", { reservation_id: id, include: "guests" }, { id, confirmation: `CNF-${id}` });
const valid = (d: TDefinition) => normalizeDefinition(ZDefinition.parse(d));

describe("loop edits", () => {
  it("makes a candidate loop (2 of 3 items used) into a loop over the whole list, rewiring a reader of one item", () => {
    const { definition, report } = crystallize(
      transcript([call("list_reservations", { status: "upcoming" }, list), get("R-7731"), get("R-7732"), call("send_email", { ref: "CNF-R-7732" }, { sent: true })]),
    );
    const edit = makeLoop(definition, report.candidate_loops[0]!.steps);
    if ("problem" in edit) throw new Error(edit.problem);
    expect(edit.focus).toBe("get_reservation_1");
    expect(edit.definition.steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1", "send_email_1"]);
    expect(edit.definition.steps[1]!.for_each).toMatchObject({ items: { from_step: "list_reservations_1", output_path: "/reservations" }, bind: [{ input_path: "/reservation_id", item_path: "/id" }] });
    expect(edit.definition.steps[2]!.bindings[0]).toMatchObject({ from_step: "get_reservation_1", output_path: "/1/confirmation" });
    expect(() => valid(edit.definition)).not.toThrow();
  });

  it("refuses steps of different tools, or with other inputs that differ", () => {
    const { definition } = crystallize(transcript([call("list_reservations", {}, list), get("R-7731"), call("get_reservation", { reservation_id: "R-7732", include: "payments" }, { id: "R-7732" })]));
    const edit = makeLoop(definition, ["get_reservation_1", "get_reservation_2"]);
    expect(edit).toEqual({ problem: "these steps do not each read a different element of one list with their other inputs equal" });
    expect(makeLoop(definition, ["list_reservations_1", "get_reservation_1"])).toHaveProperty("problem");
  });

  it("turns a crystallized loop back into one step per recorded item, each from its call, and its readers back to theirs", () => {
    const { definition } = crystallize(
      transcript([call("list_reservations", { status: "upcoming" }, list), ...list.reservations.map((r) => get(r.id)), call("send_email", { ref: "CNF-R-7733" }, { sent: true })]),
    );
    const loop = definition.steps[1]!;
    const edit = unrollLoop(definition, loop.key);
    if ("problem" in edit) throw new Error(edit.problem);
    const steps = edit.definition.steps;
    expect(steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1", "get_reservation_2", "get_reservation_3", "send_email_1"]);
    expect(steps[3]!.bindings).toEqual([{ input_path: "/reservation_id", from_step: "list_reservations_1", output_path: "/reservations/2/id" }]);
    expect(steps.slice(1, 4).map((s) => s.source?.tool_call_id)).toEqual(loop.source!.loop_calls);
    expect(steps[4]!.bindings[0]).toMatchObject({ from_step: "get_reservation_3", output_path: "/confirmation" });
    expect(() => valid(edit.definition)).not.toThrow();
    // And back again: the same loop.
    const again = makeLoop(edit.definition, ["get_reservation_1", "get_reservation_2", "get_reservation_3"]);
    if ("problem" in again) throw new Error(again.problem);
    expect(again.definition.steps[1]!.for_each?.items).toMatchObject({ from_step: "list_reservations_1", output_path: "/reservations" });
  });

  it("unrolls a loop whose URL template reads the item into steps whose templates read their element", () => {
    const { definition } = crystallize(
      transcript([
        call("list_orders", { status: "open" }, { orders: [{ id: "ord_81f2c9" }, { id: "ord_81f2d0" }] }),
        call("http_request", { method: "GET", url: "https://api.example.com/orders/ord_81f2c9/items" }, { items: [] }),
        call("http_request", { method: "GET", url: "https://api.example.com/orders/ord_81f2d0/items" }, { items: [] }),
      ]),
    );
    expect(definition.steps[1]!.templates![0]!.template).toBe("https://api.example.com/orders/{{ item.id }}/items");
    const edit = unrollLoop(definition, "http_request_1");
    if ("problem" in edit) throw new Error(edit.problem);
    expect(edit.definition.steps.map((s) => s.templates?.[0]?.template)).toEqual([
      undefined,
      "https://api.example.com/orders/{{ steps.list_orders_1.output.orders[0].id }}/items",
      "https://api.example.com/orders/{{ steps.list_orders_1.output.orders[1].id }}/items",
    ]);
  });

  it("will not unroll a loop whose whole output list is read downstream", () => {
    const def = valid({
      parameters: [],
      metadata: { nondeterministic_steps: [], unreviewed_steps: [] },
      steps: [
        { key: "list", type: "action", action_kind: "transform", inputs: { expression: "[1,2]" }, depends_on: [], bindings: [], parameter_refs: [] },
        {
          key: "each",
          type: "action",
          action_kind: "transform",
          inputs: { expression: "$inputs.n" },
          depends_on: ["list"],
          bindings: [],
          parameter_refs: [],
          for_each: { items: { from_step: "list", output_path: "", recorded_count: 2 }, as: "item", bind: [{ input_path: "/n", item_path: "" }], concurrency: 1, max_items: 1000 },
        },
        { key: "sum", type: "action", action_kind: "transform", inputs: { expression: "$sum($inputs.all)" }, depends_on: ["each"], bindings: [{ input_path: "/all", from_step: "each", output_path: "" }], parameter_refs: [] },
      ],
    } as TDefinition);
    expect(unrollLoop(def, "each")).toEqual({ problem: "sum reads each's whole list of outputs; rebind it first" });
  });
});

describe("loops to offer", () => {
  it("offers like steps over successive items of one list, and not a loop or unlike steps", async () => {
    const { likeStepsOverLists } = await import("../crystallize/infer-loops");
    const { definition } = crystallize(transcript([call("list_reservations", { status: "upcoming" }, list), get("R-7731"), get("R-7732")]));
    expect(likeStepsOverLists(definition.steps)).toEqual([{ steps: ["get_reservation_1", "get_reservation_2"], over: "list_reservations_1/reservations" }]);
    const made = makeLoop(definition, ["get_reservation_1", "get_reservation_2"]);
    if ("problem" in made) throw new Error(made.problem);
    expect(likeStepsOverLists(made.definition.steps)).toEqual([]);
  });
});
