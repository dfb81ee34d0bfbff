import { describe, expect, it } from "vitest";
import { crystallize, NothingToCrystallizeError } from "./crystallize";
import { assistant, call, ORDER_ROWS, REVENUE_ROWS, revenueRun, transcript, user } from "../../tests/crystallize-fixtures";

const stepByKey = (result: ReturnType<typeof crystallize>, key: string) => {
  const step = result.definition.steps.find((s) => s.key === key);
  if (!step) throw new Error(`no step ${key}`);
  return step;
};

describe("crystallize: the revenue example", () => {
  const source = revenueRun();
  const result = crystallize(source);

  it("makes three action steps with the exact parameters", () => {
    expect(result.definition.steps.map((s) => [s.key, s.type, s.action_kind])).toEqual([
      ["generate_query_1", "action", "generate_query"],
      ["generate_query_2", "action", "generate_query"],
      ["create_flashboard_1", "action", "create_flashboard"],
    ]);
    const calls = source.events.filter((e) => e.kind === "tool_call");
    result.definition.steps.forEach((step, i) => expect(step.inputs).toEqual(calls[i]!.arguments));
    expect(result.definition.steps[0]!.source?.tool_call_id).toBe(calls[0]!.id);
  });

  it("flags both queries as non-deterministic and not the dashboard", () => {
    expect(result.definition.metadata.nondeterministic_steps).toEqual(["generate_query_1", "generate_query_2"]);
    expect(stepByKey(result, "generate_query_1").nondeterministic?.inputs).toEqual(["/sql"]);
    expect(stepByKey(result, "create_flashboard_1").nondeterministic).toBeUndefined();
  });

  it("runs the queries in parallel and the dashboard after both, bound to their outputs", () => {
    expect(stepByKey(result, "generate_query_1").depends_on).toEqual([]);
    expect(stepByKey(result, "generate_query_2").depends_on).toEqual([]);
    const dashboard = stepByKey(result, "create_flashboard_1");
    expect(dashboard.depends_on).toEqual(["generate_query_1", "generate_query_2"]);
    expect(dashboard.bindings).toEqual([
      { input_path: "/charts/0/data", from_step: "generate_query_1", output_path: "/rows", recorded_value: REVENUE_ROWS },
      { input_path: "/charts/1/data", from_step: "generate_query_2", output_path: "/rows", recorded_value: ORDER_ROWS },
    ]);
    expect(dashboard.provenance?.["/charts/0/data"]).toBe("tool_produced");
  });

  it("gives the plain chain with ordering: sequential", () => {
    const seq = crystallize(source, { ordering: "sequential" });
    expect(seq.definition.steps.map((s) => s.depends_on)).toEqual([[], ["generate_query_1"], ["generate_query_1", "generate_query_2"]]);
    expect(seq.report.ordering).toBe("sequential");
  });
});

describe("crystallize: rule 1, which calls become steps", () => {
  it("collapses a failed call into its successful retry and reports the drop", () => {
    const failed = call("http_request", { method: "GET", url: "https://api.example.com/rates" }, null, { status: "failed", error: "503 Service Unavailable" });
    const retry = call("http_request", { method: "GET", url: "https://api.example.com/rates" }, { usd_eur: 0.92 });
    const result = crystallize(transcript([failed, retry]));
    expect(result.definition.steps).toHaveLength(1);
    expect(result.definition.steps[0]!.source?.tool_call_id).toBe(retry.id);
    expect(result.definition.steps[0]!.source?.retried_calls).toEqual([failed.callId]);
    expect(result.report.dropped).toEqual([
      expect.objectContaining({ tool_call_id: failed.id, reason: expect.stringContaining(`retried successfully by ${retry.callId}`) }),
    ]);
  });

  it("drops a failure that was never retried, with the reason", () => {
    const ok = call("get_weather", { city: "Lisbon" }, { temp: 21 });
    const failed = call("send_email", { to: "ops@example.com" }, null, { status: "failed", error: "SMTP down" });
    const result = crystallize(transcript([ok, failed]));
    expect(result.definition.steps.map((s) => s.action_kind)).toEqual(["get_weather"]);
    expect(result.report.dropped[0]).toMatchObject({ tool: "send_email", reason: expect.stringContaining("not retried") });
  });

  it("refuses a source with no successful call", () => {
    expect(() => crystallize(transcript([call("x", {}, null, { status: "failed" })]))).toThrow(NothingToCrystallizeError);
    expect(() => crystallize(transcript([user("hello")]))).toThrow(/no tool calls/);
  });

  it("drops calls without a result", () => {
    const result = crystallize(transcript([call("a_tool", {}, 1), call("b_tool", {}, undefined, { status: "pending" })]));
    expect(result.report.dropped[0]!.reason).toMatch(/no result/);
  });

  it("numbers step keys per key name, which tools named alike share", () => {
    const names = ["Get-Order", "get_order", "list", "Get-Order", "2fa_check", "!!!"];
    const result = crystallize(transcript(names.map((name) => call(name, {}, {}))));
    expect(result.definition.steps.map((s) => s.key)).toEqual(["get_order_1", "get_order_2", "list_1", "get_order_3", "step_2fa_check_1", "step_1"]);
  });
});

describe("crystallize: rule 2, dependencies", () => {
  it("keeps side effects in order and never moves a read across one", () => {
    const result = crystallize(
      transcript([
        call("get_customer", { id: "c1" }, { name: "A" }),
        call("create_invoice", { customer: "c1" }, { invoice: "inv-1" }),
        call("list_products", {}, { products: [] }),
        call("get_prices", {}, { prices: [] }),
        call("send_invoice", { via: "email" }, { sent: true }),
        call("archive_thing", { x: 1 }, { done: true }),
      ]),
    );
    const deps = Object.fromEntries(result.definition.steps.map((s) => [s.key, s.depends_on]));
    expect(deps).toEqual({
      get_customer_1: [],
      create_invoice_1: ["get_customer_1"],
      list_products_1: ["create_invoice_1"],
      get_prices_1: ["create_invoice_1"],
      send_invoice_1: ["list_products_1", "get_prices_1"],
      archive_thing_1: ["send_invoice_1"],
    });
  });

  it("treats unknown tools as side effects and uses the HTTP method", () => {
    const result = crystallize(
      transcript([
        call("frobnicate", {}, { a: 1 }),
        call("http_request", { method: "GET", url: "https://x.test/a" }, { a: 2 }),
        call("http_request", { method: "POST", url: "https://x.test/b" }, { a: 3 }),
      ]),
    );
    expect(result.definition.steps.map((s) => s.depends_on)).toEqual([[], ["frobnicate_1"], ["http_request_1"]]);
  });
});

describe("crystallize: rules 3 and 4, data flow and provenance", () => {
  it("binds a distinctive value to the latest earlier result that held it", () => {
    const result = crystallize(
      transcript([
        user("Find the newest order and refund it"),
        call("list_orders", { limit: 1 }, { orders: [{ id: "ord_1042", total: 89 }] }),
        call("issue_refund", { order_id: "ord_1042", reason: "duplicate" }, { refund_id: "re_9" }),
      ]),
    );
    const refund = result.definition.steps[1]!;
    expect(refund.bindings).toEqual([{ input_path: "/order_id", from_step: "list_orders_1", output_path: "/orders/0/id", recorded_value: "ord_1042" }]);
    expect(refund.depends_on).toEqual(["list_orders_1"]);
    expect(refund.provenance).toMatchObject({ "/order_id": "tool_produced", "/reason": "constant" });
  });

  it("binds a number only to a number and a numeric string only to a string", () => {
    const result = crystallize(
      transcript([
        call("get_account", { name: "acme" }, { id: "40917", balance: 40917, note: "account 40917 of 2" }),
        call("charge", { account: 40917 }, { ok: true }),
        call("lookup", { ref: "40917" }, { ok: true }),
      ]),
    );
    const [, charge, lookup] = result.definition.steps;
    expect(charge!.bindings).toEqual([{ input_path: "/account", from_step: "get_account_1", output_path: "/balance", recorded_value: 40917 }]);
    expect(lookup!.bindings).toEqual([{ input_path: "/ref", from_step: "get_account_1", output_path: "/id", recorded_value: "40917" }]);
  });

  it("does not bind a value the user supplied before the tool produced it; it becomes a parameter", () => {
    const result = crystallize(
      transcript([
        user("Look up order ord_7731 and email a summary to dana@example.com"),
        call("get_order", { order_id: "ord_7731" }, { id: "ord_7731", email: "dana@example.com" }),
        call("send_email", { to: "dana@example.com", order: "ord_7731" }, { ok: true }),
      ]),
    );
    const email = result.definition.steps[1]!;
    expect(email.bindings).toEqual([]);
    expect(email.provenance).toMatchObject({ "/to": "user_supplied", "/order": "user_supplied" });
    expect(result.definition.parameters).toEqual([
      { name: "order_id", type: "string", default: "ord_7731" },
      { name: "to", type: "string", default: "dana@example.com" },
    ]);
    expect(email.parameter_refs).toEqual([
      { input_path: "/to", parameter: "to" },
      { input_path: "/order", parameter: "order_id" },
    ]);
  });

  it("reads numbers from the run input as whole words only", () => {
    const result = crystallize(transcript([call("get_report", { year: 2024, limit: 20 }, { ok: true })], { task: "report for 2024, top 5" }));
    expect(result.definition.steps[0]!.provenance).toEqual({ "/year": "user_supplied", "/limit": "constant" });
  });

  it("ignores short and small values that match by chance", () => {
    const result = crystallize(
      transcript([call("get_account", {}, { currency: "USD", status: "paid", count: 3 }), call("charge_card", { currency: "USD", status: "paid", qty: 3 }, { ok: true })]),
    );
    expect(result.definition.steps[1]!.bindings).toEqual([]);
  });

  it("flags model-authored inputs of a deterministic kind, with their paths", () => {
    const result = crystallize(
      transcript([
        user("Tell the team the numbers"),
        call("send_email", { to: "team", subject: "Weekly", body: "Hi team,\nRevenue is up 4% week over week, driven by the EU region." }, { ok: true }),
      ]),
    );
    expect(result.definition.steps[0]!.nondeterministic).toEqual({ reason: "the model wrote /body", inputs: ["/body"] });
    expect(result.report.nondeterministic_steps).toHaveLength(1);
  });

  it("reads JSON held in a text result", () => {
    const result = crystallize(
      transcript([call("lookup_user", { q: "x" }, JSON.stringify({ user_id: "usr_83921" })), call("disable_user", { user_id: "usr_83921" }, "ok")]),
    );
    expect(result.definition.steps[1]!.bindings[0]).toMatchObject({ from_step: "lookup_user_1", output_path: "/user_id" });
  });
});

describe("crystallize: rule 5, approval gates", () => {
  it("inserts a gate before a call whose approval was recorded", () => {
    const result = crystallize(
      transcript([
        call("get_order", { id: "ord_5521" }, { id: "ord_5521", amount: 120 }),
        call("issue_refund", { order_id: "ord_5521", amount: 120 }, { ok: true }, { approval: { status: "approved", decidedBy: "maria@acme.test", decidedAt: "2025-03-01T10:00:00Z" } }),
      ]),
    );
    expect(result.definition.steps.map((s) => [s.key, s.type, s.depends_on])).toEqual([
      ["get_order_1", "action", []],
      ["approve_issue_refund_1", "approval_gate", ["get_order_1"]],
      ["issue_refund_1", "action", ["approve_issue_refund_1", "get_order_1"]],
    ]);
    expect(result.definition.steps[1]!.source?.reason).toMatch(/maria@acme.test/);
    expect(result.report.approval_gates).toBe(1);
  });

  it("inserts a gate when the user agreed in chat before the call", () => {
    const result = crystallize(
      transcript([
        user("Cancel the duplicate subscription for acme"),
        call("find_subscriptions", { account: "acme" }, { subs: ["sub_1", "sub_2"] }),
        assistant("I found two subscriptions. Shall I cancel sub_2?"),
        user("Yes, go ahead"),
        call("get_subscription", { id: "sub_2" }, { id: "sub_2" }),
        call("cancel_subscription", { id: "sub_2" }, { canceled: true }),
      ]),
    );
    expect(result.definition.steps.map((s) => s.key)).toEqual([
      "find_subscriptions_1",
      "get_subscription_1",
      "approve_cancel_subscription_1",
      "cancel_subscription_1",
    ]);
  });

  it("does not gate when the user declined or the assistant did not ask", () => {
    const declined = crystallize(
      transcript([assistant("Shall I delete it?"), user("No, don't"), call("delete_it", {}, { ok: true })]),
    );
    const notAsked = crystallize(transcript([assistant("Deleting it now."), user("yes"), call("delete_it", {}, { ok: true })]));
    expect(declined.report.approval_gates).toBe(0);
    expect(notAsked.report.approval_gates).toBe(0);
  });

  it("drops a call whose approval was rejected", () => {
    const result = crystallize(
      transcript([call("get_x", {}, 1), call("wipe_disk", {}, null, { status: "failed", approval: { status: "rejected", decidedBy: "sam" } })]),
    );
    expect(result.report.dropped[0]!.reason).toMatch(/rejected by sam/);
    expect(result.report.approval_gates).toBe(0);
  });
});

describe("crystallize: rule 2, no redundant ordering edges", () => {
  it("waits only for the reads nothing else waits for", () => {
    const result = crystallize(
      transcript([
        call("http_request", { method: "GET", url: "https://x.test/rates" }, { body: { rates: { USD: 1.0832 } } }),
        call("transform", { expression: "rates.USD", data: { rates: { USD: 1.0832 } } }, "USD 1.0832 today"),
        call("notify", { message: "USD 1.0832 today" }, { ok: true }),
      ]),
    );
    expect(result.definition.steps.map((s) => s.depends_on)).toEqual([[], ["http_request_1"], ["transform_1"]]);
  });
});

describe("crystallize: results that report a failure inside a success", () => {
  it("collapses an in-band failure into its retry: one booking, not two", () => {
    const failed = call("book_reservation", { flight: "HAT001", passengers: 1 }, { error: "Payment method not found", response: "" });
    const retry = call("book_reservation", { flight: "HAT001", passengers: 1, payment_id: "credit_card_7815826" }, { reservation_id: "ZFA04Y" });
    const result = crystallize(transcript([user("book HAT001"), failed, retry]));
    expect(result.definition.steps.map((s) => s.source?.tool_call_id)).toEqual([retry.id]);
    expect(result.report.dropped).toEqual([expect.objectContaining({ tool_call_id: failed.id, reason: expect.stringContaining("Payment method not found") })]);
    expect(result.report.in_band_failures).toEqual([
      { tool_call_id: failed.id, call_id: failed.callId, tool: "book_reservation", reason: "the result's error field is set: Payment method not found", overridden: false },
    ]);
  });

  it("drops an in-band failure that was never retried, and never binds to its result", () => {
    const failed = call("lookup_order", { order_id: "ord_991" }, "Error: order ord_991 not found, tracking TRK-55120");
    const next = call("notify_customer", { tracking: "TRK-55120" }, { sent: true });
    const result = crystallize(transcript([failed, next]));
    expect(result.definition.steps.map((s) => s.key)).toEqual(["notify_customer_1"]);
    expect(result.definition.steps[0]!.bindings).toEqual([]);
  });

  it("keeps a call the user marked as succeeded although its result reads as a failure", () => {
    const odd = call("grep_logs", { pattern: "timeout" }, "Error: 3 matches\nsvc-a timeout\nsvc-b timeout");
    for (const id of [odd.id, odd.callId]) {
      const result = crystallize(transcript([odd]), { treat_as_succeeded: [id] });
      expect(result.definition.steps).toHaveLength(1);
      expect(result.report.in_band_failures[0]).toMatchObject({ tool_call_id: odd.id, overridden: true });
    }
  });

  it("keeps a result that only mentions an error", () => {
    const ok = call("run_linter", { path: "src/" }, "No errors found in 3 files");
    expect(crystallize(transcript([ok])).definition.steps).toHaveLength(1);
  });
});

describe("crystallize: values that flow through text results", () => {
  const glob = () => call("Glob", { pattern: "src/**/*.ts" }, "src/app/page.tsx\nsrc/lib/billing/invoice.ts\nsrc/lib/billing/tax.ts");

  it("binds an argument to the line of a text result that held it", () => {
    const g = glob();
    const read = call("Read", { file_path: "src/lib/billing/invoice.ts" }, "export const x = 1;");
    const result = crystallize(transcript([user("look at the billing code"), g, read]));
    expect(result.definition.steps[1]!.bindings).toEqual([
      { input_path: "/file_path", from_step: "glob_1", output_path: "", extract: { line: 1 }, recorded_value: "src/lib/billing/invoice.ts" },
    ]);
    expect(result.definition.steps[1]!.depends_on).toEqual(["glob_1"]);
  });

  it("binds one word of a table row, and a value in JSON held in a text field", () => {
    const ps = call("list_pods", { namespace: "prod" }, { output: "NAME              STATUS\napi-7f9c8d-x2x    Running\nweb-55d4b-kk9z   Running" });
    const job = call("get_job", { id: 7 }, { content: [{ type: "text", text: '{"job": {"run_id": "jr_2024_118"}}' }] });
    const restart = call("restart_pod", { pod: "web-55d4b-kk9z", after: "jr_2024_118" }, { ok: true });
    const result = crystallize(transcript([ps, job, restart]));
    expect(result.definition.steps[2]!.bindings).toEqual([
      { input_path: "/pod", from_step: "list_pods_1", output_path: "/output", extract: { line: 2, token: 0 }, recorded_value: "web-55d4b-kk9z" },
      { input_path: "/after", from_step: "get_job_1", output_path: "/content/0/text", extract: { json: "/job/run_id" }, recorded_value: "jr_2024_118" },
    ]);
  });

  it("does not bind a line that equals a value the user typed first", () => {
    const g = glob();
    const read = call("Read", { file_path: "src/lib/billing/tax.ts" }, "export const rate = 0.2;");
    const result = crystallize(transcript([user("open src/lib/billing/tax.ts please"), g, read]));
    expect(result.definition.steps[1]!.bindings).toEqual([]);
    expect(result.definition.steps[1]!.parameter_refs).toEqual([{ input_path: "/file_path", parameter: "file_path" }]);
  });
});

describe("crystallize: pseudo-tools", () => {
  it("keeps think and calculate as read-only, deterministic steps that order and feed nothing", () => {
    const lookup = call("get_user_details", { user_id: "mia_li_3668" }, { payment_methods: [{ id: "credit_card_4421", balance: 1200 }] });
    const think = call("think", { thought: "The user wants to cancel. I should check the refund policy before I do anything, and then compute the refund." }, "");
    const calc = call("calculate", { expression: "1200 * 0.85" }, 1020.75);
    const refund = call("refund", { payment_id: "credit_card_4421", amount: 1020.75 }, { refunded: true });
    const result = crystallize(transcript([user("refund my last trip"), lookup, think, calc, refund]));
    const [, thinkStep, calcStep, refundStep] = result.definition.steps;
    expect(thinkStep!.nondeterministic).toBeUndefined();
    expect(calcStep!.nondeterministic).toBeUndefined();
    // The refund waits for the read it uses, not for the scratch work, and binds nothing from it.
    expect(refundStep!.depends_on).toEqual(["get_user_details_1"]);
    expect(refundStep!.bindings.map((b) => b.from_step)).toEqual(["get_user_details_1"]);
  });
});

describe("crystallize: confirmations in chat", () => {
  const ask = (text: string) => [assistant(text), user("yes")];
  it.each([
    ["Would you like me to proceed?", "yes"],
    ["I will cancel reservation ZFA04Y. Please confirm (yes/no).", "Yes, please"],
    ["Do you want me to go ahead with the cancellation?", "go ahead"],
    ["Shall I book it?", "confirm"],
    ["The new address is 12 Main St. Is that correct?", "that's correct"],
    ["Can I charge the card on file?", "sure"],
  ])("gates the call after %j answered %j", (question, answer) => {
    const cancel = call("cancel_reservation", { reservation_id: "ZFA04Y" }, { status: "cancelled" });
    const result = crystallize(transcript([user("cancel my trip"), assistant(question), user(answer), cancel]));
    expect(result.definition.steps.map((s) => s.type)).toEqual(["approval_gate", "action"]);
  });

  it("covers every side-effecting call until the user speaks again, but not reads or later turns", () => {
    const cancel = call("cancel_reservation", { reservation_id: "ZFA04Y" }, { status: "cancelled" });
    const read = call("get_reservation_details", { reservation_id: "ZFA04Y" }, { status: "cancelled" });
    const refund = call("refund", { reservation_id: "ZFA04Y" }, { refunded: true });
    const later = call("send_email", { to: "mia@example.com" }, { sent: true });
    const result = crystallize(transcript([...ask("Shall I cancel and refund it?"), cancel, read, refund, user("thanks, also email me"), later]));
    // One gate for the one "yes", before the first change; the refund waits on it too.
    const gates = result.definition.steps.filter((s) => s.type === "approval_gate");
    expect(gates.map((g) => [g.key, g.source?.tool_call_id, g.name])).toEqual([["approve_cancel_reservation_1", cancel.id, "Approve cancel_reservation and refund"]]);
    const dependsOnGate = result.definition.steps.filter((s) => s.depends_on.includes("approve_cancel_reservation_1")).map((s) => s.key);
    expect(dependsOnGate).toEqual(["cancel_reservation_1", "refund_1"]);
    expect(result.definition.steps.find((s) => s.key === "get_reservation_details_1")!.depends_on).not.toContain("approve_cancel_reservation_1");
    expect(result.definition.steps.find((s) => s.key === "send_email_1")!.depends_on).not.toContain("approve_cancel_reservation_1");
  });

  it("gates the first call when a yes is followed only by calls that read as reads", () => {
    const checkIn = call("check_in_passenger", { reservation_id: "ZFA04Y" }, { boarding_pass: "BP-99812" });
    const result = crystallize(transcript([assistant("Shall I check you in?"), user("yes please"), checkIn]));
    expect(result.definition.steps.map((s) => s.type)).toEqual(["approval_gate", "action"]);
  });

  it("does not take a failed write's retry from a read of the same tool", () => {
    const post = call("http_request", { method: "POST", url: "https://api.example.com/orders" }, { status: 500, error: "boom" });
    const get = call("http_request", { method: "GET", url: "https://api.example.com/orders" }, { orders: [] });
    const result = crystallize(transcript([post, get]));
    expect(result.definition.steps.map((s) => s.source?.tool_call_id)).toEqual([get.id]);
    expect(result.report.dropped).toEqual([expect.objectContaining({ tool_call_id: post.id, reason: expect.stringContaining("was not retried successfully") })]);
  });

  it("keeps the gate on the retry of a confirmed call that failed", () => {
    const failed = call("book_reservation", { flight: "HAT001" }, "Error: seat map unavailable");
    const retry = call("book_reservation", { flight: "HAT001", seat: "12A" }, { reservation_id: "ZFA04Y" });
    const result = crystallize(transcript([...ask("Shall I book it?"), failed, retry]));
    expect(result.definition.steps.map((s) => [s.type, s.source?.tool_call_id])).toEqual([
      ["approval_gate", retry.id],
      ["action", retry.id],
    ]);
  });

  it("does not gate after a decline", () => {
    const cancel = call("cancel_reservation", { reservation_id: "ZFA04Y" }, { status: "cancelled" });
    const result = crystallize(transcript([assistant("Shall I cancel it?"), user("no, don't cancel yet"), cancel]));
    expect(result.definition.steps.map((s) => s.type)).toEqual(["action"]);
  });
});
