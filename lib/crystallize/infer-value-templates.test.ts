import { describe, expect, it } from "vitest";
import { crystallize } from "./crystallize";
import { call, transcript, user } from "../../tests/crystallize-fixtures";
import type { Transcript } from "./types";

// The value rule through the crystallizer: an id inside a subject or a URL becomes a hole, and
// the near-misses stay frozen.

const stepOf = (t: Transcript, key: string) => crystallize(t).definition.steps.find((s) => s.key === key)!;

describe("values inside strings", () => {
  it("an id the user gave, inside an email's subject, becomes the parameter it already is", () => {
    const t = transcript([
      user("Customer jane.doe@example.com says order ORD-1042 was charged twice"),
      call("get_order", { order_id: "ORD-1042" }, { id: "ORD-1042", payments: [{ id: "pay_9Kx4Tn", amount: 89 }] }),
      call("send_email", { to: "jane.doe@example.com", subject: "Your refund for ORD-1042." }, { accepted: true }),
    ]);
    const result = crystallize(t);
    const email = result.definition.steps[1]!;
    expect(email.templates).toEqual([{ input_path: "/subject", template: "Your refund for {{ params.order_id }}.", recorded_value: "Your refund for ORD-1042.", inferred: "value" }]);
    expect(result.definition.parameters.find((p) => p.name === "order_id")?.default).toBe("ORD-1042");
    expect(result.definition.metadata.unreviewed_steps).toContain("send_email_1");
  });

  it("an id an earlier tool produced, inside a URL, reads that output and depends on its step", () => {
    const t = transcript([
      user("Refund the newest order"),
      call("list_orders", { limit: 1 }, { orders: [{ id: "ord_81f2c9", total: 129.5 }] }),
      call("http_request", { method: "POST", url: "https://api.example.com/orders/ord_81f2c9/refund?amount=129.5" }, { status: 200 }),
    ]);
    const http = stepOf(t, "http_request_1");
    expect(http.templates![0]!.template).toBe("https://api.example.com/orders/{{ steps.list_orders_1.output.orders[0].id }}/refund?amount={{ steps.list_orders_1.output.orders[0].total }}");
    expect(http.depends_on).toEqual(["list_orders_1"]);
  });

  it("a value in a SQL statement's quoted literal becomes a bound parameter; one inside a LIKE pattern stays", () => {
    const t = transcript([
      call("list_orders", { limit: 1 }, { orders: [{ id: "ord_81f2c9" }] }),
      call("run_sql", { sql: "SELECT * FROM refunds WHERE order_id = 'ord_81f2c9'" }, { rows: [] }),
      call("generate_query", { sql: "SELECT * FROM notes WHERE body LIKE '%ord_81f2c9%'" }, { rows: [] }),
    ]);
    expect(stepOf(t, "run_sql_1").templates![0]!.template).toBe("SELECT * FROM refunds WHERE order_id = {{ steps.list_orders_1.output.orders[0].id }}");
    expect(stepOf(t, "generate_query_1").templates).toBeUndefined();
  });

  it("a value the user gave, as a whole literal in a custom tool's SQL, becomes a literal hole named by its column; one inside a literal stays", () => {
    const t = transcript([
      user("Why was order ORD-1042 charged twice?"),
      call("mcp__postgres__query", { sql: "SELECT * FROM payments p WHERE p.order_id = 'ORD-1042' AND note <> 'see ORD-1042'" }, []),
    ]);
    const { definition } = crystallize(t);
    expect(definition.steps[0]!.templates![0]!.template).toBe("SELECT * FROM payments p WHERE p.order_id = {{ params.order_id }} AND note <> 'see ORD-1042'");
    expect(definition.parameters).toEqual([{ name: "order_id", type: "string", default: "ORD-1042" }]);
  });

  it("leaves short values that match by chance, plain words, and commands alone", () => {
    const t = transcript([
      call("get_status", {}, { status: "shipped", count: 42, pod: "api-7d9f4c" }),
      call("notify", { message: "42 orders shipped" }, { ok: true }),
      call("run_command", { command: "kubectl delete pod api-7d9f4c" }, { ok: true }),
    ]);
    expect(stepOf(t, "notify_1").templates).toBeUndefined();
    expect(stepOf(t, "run_command_1").templates).toBeUndefined();
  });

  it("never splices a value into SQL a tool other than the SQL steps runs, nor into a long run of dots", () => {
    const t = transcript([
      user("Note for order ord_81f2c9x"),
      call("db_query", { statement: "SELECT 1", body: "SELECT * FROM notes WHERE note = 'see ord_81f2c9x now'" }, { rows: [] }),
      call("notify", { message: `${".".repeat(50_000)}x ord_81f2c9x` }, { ok: true }),
    ]);
    expect(stepOf(t, "db_query_1").templates).toBeUndefined();
    expect(stepOf(t, "notify_1").templates).toBeUndefined();
  });

  it("puts a relative date and a value into one template", () => {
    const t: Transcript = {
      ...transcript([
        user("Email the report for ORD-1042"),
        call("get_order", { order_id: "ORD-1042" }, { id: "ORD-1042" }),
        call("send_email", { subject: "Report for ORD-1042 as of 2026-09-30" }, { accepted: true }),
      ]),
      startedAt: "2026-10-01T09:00:00Z",
    };
    expect(stepOf(t, "send_email_1").templates).toEqual([
      expect.objectContaining({ input_path: "/subject", template: 'Report for {{ params.order_id }} as of {{ $relativeDate({"unit":"day","offset":-1,"edge":"start"}) }}' }),
    ]);
  });
});

describe("short codes the user typed", () => {
  const ROWS = [{ country: "DE", revenue: "41234.50" }];
  const regionRun = (message: string, sql: string, title = "EMEA revenue by country — last month"): Transcript => ({
    ...transcript([user(message), call("mcp__postgres__query", { sql }, ROWS), call("create_chart", { type: "bar", title, data: ROWS }, { chart_id: "chr_1" })]),
    startedAt: "2025-06-09T14:20:00Z",
  });
  const SQL = "SELECT country, sum(amount) AS revenue FROM orders WHERE region = 'EMEA' AND paid_at >= '2025-05-01' AND paid_at < '2025-06-01' GROUP BY country";
  const templateOf = (t: Transcript, key: string, path: string) => crystallize(t).definition.steps.find((s) => s.key === key)!.templates?.find((x) => x.input_path === path)?.template;

  it("a region the user named becomes one parameter: a literal in a tool's SQL, beside relative dates, and a word of a chart title", () => {
    const t = regionRun("What was revenue for EMEA last month, broken down by country? Chart it please.", SQL);
    const { definition } = crystallize(t);
    expect(definition.parameters).toEqual([{ name: "region", type: "string", default: "EMEA" }]);
    expect(templateOf(t, "mcp_postgres_query_1", "/sql")).toBe(
      'SELECT country, sum(amount) AS revenue FROM orders WHERE region = {{ params.region }} AND paid_at >= \'{{ $relativeDate({"unit":"month","offset":-1,"edge":"start"}) }}\' AND paid_at < \'{{ $relativeDate({"unit":"month","offset":0,"edge":"start"}) }}\' GROUP BY country',
    );
    expect(templateOf(t, "create_chart_1", "/title")).toBe("{{ params.region }} revenue by country — last month");
  });

  it("a two-letter code counts too", () => {
    const t = regionRun("Revenue for US last month please", SQL.replace("'EMEA'", "'US'"), "US revenue");
    expect(crystallize(t).definition.parameters).toEqual([{ name: "region", type: "string", default: "US" }]);
  });

  it("near misses stay frozen: a common abbreviation, another case, a joined word, a shouted message, a word said only later", () => {
    const cases: [string, Transcript][] = [
      ["CSV is an abbreviation", regionRun("Export revenue by country as CSV for last month", SQL.replace("'EMEA'", "'CSV'"), "CSV revenue export")],
      ["ID is an abbreviation", regionRun("Chart revenue by customer ID for last month", SQL.replace("'EMEA'", "'ID'"), "Revenue by ID")],
      ["USD is a currency", regionRun("revenue in USD for last month, by country", SQL.replace("'EMEA'", "'USD'"), "USD revenue by country")],
      ["the user wrote it in lower case", regionRun("What was revenue for emea last month?", SQL)],
      ["the user named another value", regionRun("What was revenue for EMEA-North last month?", SQL)],
      ["the whole message is in capitals", regionRun("WHAT WAS REVENUE FOR EMEA LAST MONTH", SQL)],
      ["the user never said it", regionRun("What was revenue last month, by country?", SQL)],
    ];
    for (const [why, t] of cases) {
      const { definition } = crystallize(t);
      expect(definition.parameters, why).toEqual([]);
      expect(templateOf(t, "create_chart_1", "/title"), why).toBeUndefined();
    }
    const later = transcript([user("Chart revenue by country"), call("create_chart", { title: "EMEA revenue by country" }, { chart_id: "c" }), user("That was EMEA, thanks")]);
    expect(crystallize(later).definition.parameters).toEqual([]);
  });

  it("in a tool's SQL, a code is a hole only where it is a whole literal that every dialect reads as one", () => {
    const said = "What was revenue for EMEA last month? Orders over 1042 only";
    // Inside a longer literal, a bare number (a literal hole would quote it), or after a string
    // MySQL reads differently ('it\'s' ends elsewhere there).
    for (const sql of ["SELECT sum(amount) FROM orders WHERE label = 'EMEA total'", "SELECT region FROM orders WHERE amount > 1042 LIMIT 1042", "SELECT 'it\\'s' AS a, sum(amount) FROM orders WHERE region = 'EMEA'", "SELECT sum(amount) FROM orders -- region 'EMEA'"]) {
      const t = regionRun(said, sql, "Revenue by country");
      expect(templateOf(t, "mcp_postgres_query_1", "/sql"), sql).toBeUndefined();
    }
  });
});
