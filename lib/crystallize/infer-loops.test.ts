import { describe, expect, it } from "vitest";
import { crystallize } from "./crystallize";
import { mergeRun } from "./merge";
import { call, transcript, user } from "../../tests/crystallize-fixtures";
import { normalizeDefinition } from "../automations/validate-definition";
import { ZDefinition, type TDefinition } from "../automations/schemas";

// The loop rule through the crystallizer: like calls over a whole list become one for_each step;
// the near-misses (part of the list, the same item twice, out of order) stay separate steps.

const reservations = { reservations: [{ id: "R-7731", city: "Lisbon" }, { id: "R-7732", city: "Porto" }, { id: "R-7733", city: "Faro" }] };
const getCall = (id: string) => call("get_reservation", { reservation_id: id, include: "guests" }, { id, nights: 2, confirmation: `CNF-${id}` });
/** What a save does to a definition: it must accept what the crystallizer made. */
const validateDefinition = (d: TDefinition) => normalizeDefinition(ZDefinition.parse(d));

describe("loops", () => {
  it("three calls over the three reservations become one for_each step, and a reader of one of them reads the loop's list", () => {
    const t = transcript([
      user("What are my upcoming reservations? I'm jane.doe@example.com"),
      call("list_reservations", { email: "jane.doe@example.com" }, reservations),
      getCall("R-7731"),
      getCall("R-7732"),
      getCall("R-7733"),
      call("send_email", { to: "jane.doe@example.com", booking: "R-7733", confirmation: "CNF-R-7733" }, { sent: true }),
    ]);
    const { definition, report } = crystallize(t);
    expect(definition.steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1", "send_email_1"]);
    const loop = definition.steps[1]!;
    expect(loop.for_each).toEqual({
      items: { from_step: "list_reservations_1", output_path: "/reservations", recorded_count: 3 },
      as: "item",
      bind: [{ input_path: "/reservation_id", item_path: "/id" }],
      concurrency: 1,
      max_items: 1000,
    });
    expect(loop.bindings).toEqual([]);
    expect(loop.inputs).toEqual({ reservation_id: "R-7731", include: "guests" });
    expect(loop.depends_on).toEqual(["list_reservations_1"]);
    expect(loop.source?.loop_calls).toHaveLength(3);
    expect(report.loops).toEqual([{ step: "get_reservation_1", over: "list_reservations_1/reservations", items: 3, calls: loop.source!.loop_calls }]);
    // The confirmation came from the third call: now element 2 of the loop's output.
    const email = definition.steps[2]!;
    expect(email.bindings.find((b) => b.input_path === "/confirmation")).toMatchObject({ from_step: "get_reservation_1", output_path: "/2/confirmation" });
    expect(email.depends_on).toContain("get_reservation_1");
    expect(() => validateDefinition(definition)).not.toThrow();
    // Tomorrow it makes as many calls as the list has items: a person says so before it runs unattended.
    expect(definition.metadata.unreviewed_steps).toContain("get_reservation_1");
  });

  it("calls over each line of a plain-text list become a loop over its lines", () => {
    const t = transcript([
      call("list_files", { dir: "reports" }, "reports/jan.csv\nreports/feb.csv\n\nreports/mar.csv\n"),
      call("read_file", { path: "reports/jan.csv" }, "a,b\n1,2"),
      call("read_file", { path: "reports/feb.csv" }, "a,b\n3,4"),
      call("read_file", { path: "reports/mar.csv" }, "a,b\n5,6"),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps).toHaveLength(2);
    expect(definition.steps[1]!.for_each).toMatchObject({ items: { from_step: "list_files_1", output_path: "", lines: true, recorded_count: 3 }, bind: [{ input_path: "/path", item_path: "" }] });
  });

  it("calls whose URLs hold each element's id become a loop whose template reads the item", () => {
    const t = transcript([
      call("list_orders", { status: "open" }, { orders: [{ id: "ord_81f2c9" }, { id: "ord_81f2d0" }] }),
      call("http_request", { method: "GET", url: "https://api.example.com/orders/ord_81f2c9/items" }, { items: [] }),
      call("http_request", { method: "GET", url: "https://api.example.com/orders/ord_81f2d0/items" }, { items: [] }),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps).toHaveLength(2);
    const loop = definition.steps[1]!;
    expect(loop.for_each).toMatchObject({ items: { from_step: "list_orders_1", output_path: "/orders" }, bind: [] });
    expect(loop.templates).toMatchObject([{ input_path: "/url", template: "https://api.example.com/orders/{{ item.id }}/items" }]);
    expect(() => validateDefinition(definition)).not.toThrow();
  });

  it("calls over the first word of each line of a text listing loop over its lines, taking that word", () => {
    const t = transcript([
      call("list_tickets", { queue: "billing" }, "T-4410 refund request\nT-4411 card declined\nT-4412 invoice copy\n"),
      ...["T-4410", "T-4411", "T-4412"].map((id) => call("get_ticket", { ticket_id: id }, { id, status: "open" })),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps).toHaveLength(2);
    expect(definition.steps[1]!.for_each).toMatchObject({ items: { from_step: "list_tickets_1", lines: true, recorded_count: 3 }, bind: [{ input_path: "/ticket_id", item_path: "", token: 0 }] });
  });

  it("calls that took, in order, every element's small number (issues 9, 12, 21) loop over the list; a page counter does not", () => {
    const issues = { issues: [{ number: 9, title: "crash" }, { number: 12, title: "typo" }, { number: 21, title: "slow" }] };
    const t = transcript([
      call("list_issues", { repo: "lena-dev/tinyparse", label: "bug" }, issues),
      ...issues.issues.map((i) => call("get_issue_comments", { repo: "lena-dev/tinyparse", issue_number: i.number }, { comments: [] })),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps).toHaveLength(2);
    expect(definition.steps[1]!.for_each).toMatchObject({ items: { from_step: "list_issues_1", output_path: "/issues" }, bind: [{ input_path: "/issue_number", item_path: "/number" }] });
    const pages = crystallize(
      transcript([call("list_ranks", {}, { ranks: [{ rank: 1 }, { rank: 2 }] }), call("list_orders", { page: 1 }, { orders: [] }), call("list_orders", { page: 2 }, { orders: [] })]),
    );
    expect(pages.definition.steps.filter((s) => s.action_kind === "list_orders").every((s) => s.bindings.length === 0)).toBe(true);
  });

  it("a loop over a loop's outputs collapses too", () => {
    const t = transcript([
      call("list_reservations", { email: "x@example.com" }, reservations),
      getCall("R-7731"),
      getCall("R-7732"),
      getCall("R-7733"),
      call("get_invoice", { invoice_id: "inv_a81f" }, { total: 1 }),
    ]);
    // Each reservation's invoice: the invoice call reads the loop's output per item.
    const events = t.events.filter((e) => e.kind === "tool_call").slice(0, 4);
    const gets = events.slice(1).map((e, i) => ({ ...(e as ReturnType<typeof call>), result: { id: `R-773${i + 1}`, invoice: `inv_${i}x9f2` } }));
    const invoices = ["inv_0x9f2", "inv_1x9f2", "inv_2x9f2"].map((id) => call("get_invoice", { invoice_id: id }, { id, total: 100 }));
    const { definition, report } = crystallize(transcript([events[0]!, ...gets, ...invoices]));
    expect(definition.steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1", "get_invoice_1"]);
    expect(definition.steps[2]!.for_each).toMatchObject({ items: { from_step: "get_reservation_1", output_path: "", recorded_count: 3 }, bind: [{ input_path: "/invoice_id", item_path: "/invoice" }] });
    expect(report.loops.map((l) => l.step)).toEqual(["get_reservation_1", "get_invoice_1"]);
  });

  it("a run that used only some of the list keeps its steps and reports a candidate loop", () => {
    const t = transcript([call("list_reservations", { email: "x@example.com" }, reservations), getCall("R-7731"), getCall("R-7732")]);
    const { definition, report } = crystallize(t);
    expect(definition.steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1", "get_reservation_2"]);
    expect(definition.steps.some((s) => s.for_each)).toBe(false);
    expect(report.candidate_loops).toEqual([
      { steps: ["get_reservation_1", "get_reservation_2"], over: "list_reservations_1/reservations", used: 2, of: 3, reason: "used 2 of 3 items of list_reservations_1/reservations" },
    ]);
  });

  it("two calls over the same item, or a list used out of order, are not a loop", () => {
    const twice = crystallize(transcript([call("list_reservations", { email: "x@example.com" }, { reservations: reservations.reservations.slice(0, 2) }), getCall("R-7731"), getCall("R-7731")]));
    expect(twice.definition.steps.some((s) => s.for_each)).toBe(false);
    expect(twice.report.candidate_loops).toEqual([]);
    const shuffled = crystallize(transcript([call("list_reservations", { email: "x@example.com" }, reservations), getCall("R-7732"), getCall("R-7731"), getCall("R-7733")]));
    expect(shuffled.definition.steps.filter((s) => s.action_kind === "get_reservation")).toHaveLength(3);
    expect(shuffled.report.loops).toEqual([]);
  });

  it("calls whose other inputs differ are not one loop", () => {
    const t = transcript([
      call("list_reservations", { email: "x@example.com" }, { reservations: reservations.reservations.slice(0, 2) }),
      call("get_reservation", { reservation_id: "R-7731", include: "guests" }, { id: "R-7731" }),
      call("get_reservation", { reservation_id: "R-7732", include: "payments" }, { id: "R-7732" }),
    ]);
    expect(crystallize(t).report.loops).toEqual([]);
  });

  it("does not loop when a step between two of the calls depends on one and feeds the next", () => {
    const t = transcript([
      call("list_tickets", { queue: "billing" }, { tickets: [{ id: "T-4410" }, { id: "T-4411" }] }),
      call("close_ticket", { ticket_id: "T-4410", note: "done" }, { closed: true, audit: "aud_71bc" }),
      call("post_audit", { audit: "aud_71bc" }, { ok: true }),
      call("close_ticket", { ticket_id: "T-4411", note: "done" }, { closed: true, audit: "aud_71bd" }),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps.some((s) => s.for_each)).toBe(false);
    expect(() => validateDefinition(definition)).not.toThrow();
  });
});

describe("merging runs with loops", () => {
  const run = (email: string, ids: string[]) =>
    crystallize(
      transcript([
        user(`List my reservations, I'm ${email}`),
        call("list_reservations", { email }, { reservations: ids.map((id) => ({ id })) }),
        ...ids.map(getCall),
      ]),
    ).definition;

  it("matches a loop to a loop whatever the lists' lengths, and a single call over a one-item list to the loop", () => {
    const current = run("jane.doe@example.com", ["R-7731", "R-7732", "R-7733"]);
    const merged = mergeRun(current, run("sam.roe@example.com", ["R-8801", "R-8802", "R-8803", "R-8804"]));
    expect(merged.definition.steps.map((s) => s.key)).toEqual(["list_reservations_1", "get_reservation_1"]);
    expect(merged.definition.steps[1]!.for_each).toEqual(current.steps[1]!.for_each);
    expect(merged.differences.map((d) => d.step)).toEqual(["list_reservations_1"]);
    const one = mergeRun(current, run("sam.roe@example.com", ["R-8801"]));
    expect(one.definition.steps[1]!.for_each).toEqual(current.steps[1]!.for_each);
    // And the other way: the automation came from the one-item run; the longer run makes it a loop.
    const upgraded = mergeRun(run("sam.roe@example.com", ["R-8801"]), current);
    expect(upgraded.definition.steps[1]!.for_each?.items).toMatchObject({ from_step: "list_reservations_1", output_path: "/reservations" });
    expect(upgraded.definition.steps[1]!.bindings).toEqual([]);
  });

  it("refuses a run that fetched only some of the list where the automation loops", () => {
    const current = run("jane.doe@example.com", ["R-7731", "R-7732", "R-7733"]);
    const partial = crystallize(transcript([call("list_reservations", { email: "x@example.com" }, reservations), getCall("R-7731"), getCall("R-7732")])).definition;
    expect(() => mergeRun(current, partial)).toThrow(/get_reservation_2 .* is not in the automation/);
  });

  it("a single call over a list of one is a loop when the user asked about the whole list by its name", () => {
    const tickets = (...ids: number[]) => ({ tickets: ids.map((id) => ({ id, subject: `Ticket ${id}` })), count: ids.length });
    const run = (...events: Parameters<typeof transcript>[0]) => crystallize(transcript(events));
    const asked = run(user("Can you check on my open tickets? I'm sam.reed@acme.io"), call("search_tickets", { requester_email: "sam.reed@acme.io" }, tickets(88120)), call("get_ticket", { ticket_id: 88120 }, { id: 88120, status: "open" }));
    const loop = asked.definition.steps[1]!;
    expect(loop.for_each?.items).toEqual({ from_step: "search_tickets_1", output_path: "/tickets", recorded_count: 1 });
    expect(loop.for_each?.bind).toEqual([{ input_path: "/ticket_id", item_path: "/id" }]);
    expect(asked.report.loops).toEqual([expect.objectContaining({ step: "get_ticket_1", items: 1 })]);
    expect(asked.definition.metadata.unreviewed_steps).toContain("get_ticket_1");
    expect(() => validateDefinition(asked.definition)).not.toThrow();

    // "my latest order" names one order, not the list: the call reads the first element.
    const one = run(user("What's the status of my latest order?"), call("list_orders", { limit: 1 }, { orders: [{ id: "ORD-1042" }] }), call("get_order", { order_id: "ORD-1042" }, { status: "shipped" }));
    expect(one.definition.steps[1]!.for_each).toBeUndefined();
    expect(one.definition.steps[1]!.bindings[0]!.output_path).toBe("/orders/0/id");
    // Words said only after the call are no ask.
    const late = run(user("Check ticket please"), call("search_tickets", { q: "sso" }, tickets(88120)), call("get_ticket", { ticket_id: 88120 }, { id: 88120 }), user("and my other tickets?"));
    expect(late.report.loops).toEqual([]);
  });
});
