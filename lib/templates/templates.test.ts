import { describe, expect, it } from "vitest";
import { checkTemplate } from "./check-template";
import { parseTemplate } from "./parse-template";
import { renderSql, renderSqlText, renderText } from "./render-template";
import { sqlHoleProblem } from "./sql-hole-problem";
import { sqlInputMode } from "./sql-input-mode";
import { toolSqlHoles } from "./tool-sql-holes";

const parts = (template: string) => {
  const p = parseTemplate({ template });
  if (!p.ok) throw new Error(p.problem);
  return p.parts;
};
// Stands in for the engine's JSONata: holes here are keys of a fixed table, so these tests are about the template, not the language.
const table = (values: Record<string, unknown>) => async (hole: string) => values[hole];

describe("parseTemplate", () => {
  it("splits text and holes, trimming each hole", () => {
    expect(parts("Your refund for {{ params.order_id }}.")).toEqual([{ text: "Your refund for " }, { hole: "params.order_id", offset: 16 }, { text: "." }]);
    expect(parts("no holes")).toEqual([{ text: "no holes" }]);
  });

  it("reads the hole's own tokens, so }} inside a string or an object literal does not end it", () => {
    expect(parts('{{ {"a": {"b": 1}} }}')).toEqual([{ hole: '{"a": {"b": 1}}', offset: 0 }]);
    expect(parts("x{{ '}}' & params.y }}z")).toEqual([{ text: "x" }, { hole: "'}}' & params.y", offset: 1 }, { text: "z" }]);
  });

  it("refuses an unclosed or empty hole, saying where", () => {
    expect(parseTemplate({ template: "a {{ params.x" })).toEqual({ ok: false, problem: "the {{ at character 3 is never closed with }}" });
    expect(parseTemplate({ template: "{{ }}" })).toEqual({ ok: false, problem: "the hole at character 1 is empty" });
  });
});

describe("renderText", () => {
  it("joins text and values; a lone hole keeps its value's type", async () => {
    const evaluate = table({ "params.n": 3, "params.o": { a: 1 }, "params.s": "ORD-1042", "params.z": null });
    expect(await renderText({ parts: parts("Refund for {{ params.s }} ({{ params.n }}) {{ params.o }}{{ params.z }}"), evaluate })).toBe('Refund for ORD-1042 (3) {"a":1}');
    expect(await renderText({ parts: parts("{{ params.n }}"), evaluate })).toBe(3);
  });

  it("fails on a hole with no value instead of writing an empty string", async () => {
    await expect(renderText({ parts: parts("Dear {{ params.name }},"), evaluate: table({}) })).rejects.toThrow("the hole {{ params.name }} has no value");
  });
});

describe("renderSql", () => {
  it("binds each hole as a parameter after the ones the step has, never splicing text", async () => {
    const evil = "x'; DROP TABLE orders; --";
    const out = await renderSql({ parts: parts("SELECT * FROM orders WHERE id = {{ params.id }} AND day >= {{ d }}"), evaluate: table({ "params.id": evil, d: "2026-11-01" }), first: 2 });
    expect(out).toEqual({ sql: "SELECT * FROM orders WHERE id = $2 AND day >= $3", params: [evil, "2026-11-01"] });
  });
});

describe("sqlHoleProblem", () => {
  const problem = (sql: string) => sqlHoleProblem({ parts: parts(sql) });
  it("accepts holes where a value stands", () => {
    expect(problem("SELECT '%' || {{ a }} || '%', 'it''s' FROM t WHERE x = {{ b }} -- done")).toBeNull();
    expect(problem("SELECT $$ a ' b $$, {{ a }} /* c /* nested */ d */ FROM t")).toBeNull();
  });

  it("refuses holes inside literals, identifiers and comments", () => {
    expect(problem("SELECT * FROM t WHERE name LIKE '%{{ a }}%'")).toMatch(/inside a quoted string/);
    expect(problem(`SELECT "{{ a }}" FROM t`)).toMatch(/inside a quoted identifier/);
    expect(problem("SELECT 1 -- {{ a }}\nFROM t")).toMatch(/inside a comment/);
    expect(problem("SELECT /* outer /* inner */ {{ a }} */ 1")).toMatch(/inside a comment/);
    expect(problem("SELECT $body$ {{ a }} $body$")).toMatch(/inside a dollar-quoted string/);
    expect(problem("SELECT E'it\\'s {{ a }}'")).toMatch(/inside a quoted string/);
  });
});

describe("checkTemplate", () => {
  it("names the steps and parameters its holes use", () => {
    const out = checkTemplate({ template: "https://api.example.com/orders/{{ steps.get_order_1.output.id }}?c={{ params.customer }}", sql: false });
    expect(out).toMatchObject({ refs: { steps: ["get_order_1"], params: ["customer"] } });
  });

  it("refuses a hole that is not JSONata", () => {
    expect(checkTemplate({ template: "{{ params. }}", sql: false })).toMatchObject({ problem: expect.stringMatching(/^the hole \{\{ params\. \}\} is not a valid expression/) });
  });
});

describe("sqlInputMode", () => {
  const mode = (kind: string, path: string, template: string) => sqlInputMode({ kind, path, template });
  it("binds only our SQL kinds' statement; any other tool's SQL input is text", () => {
    expect(mode("run_sql", "/sql", "SELECT 1")).toBe("bound");
    expect(mode("run_sql", "/note", "SELECT * FROM t")).toBeNull();
    for (const path of ["/sql", "/query", "/statement", "/raw_sql", "/rawSql", "/sqlQuery", "/statements/0", "/filter/where"]) expect(mode("mcp__postgres__query", path, "x = {{ a }}"), path).toBe("text");
  });

  it("counts a query as SQL when it reads as SQL, not a search box's words or GraphQL", () => {
    expect(mode("query_table", "/query", "region = '{{ params.region }}' order by day")).toBe("text");
    expect(mode("search_tickets", "/query", "customer {{ params.email }} status:open")).toBeNull();
    expect(mode("graphql", "/query", 'query { order(id: "{{ params.id }}") { id } }')).toBeNull();
  });

  it("reads a statement's shape under any key, and leaves prose that starts with a SQL verb alone", () => {
    expect(mode("db", "/body", "-- monthly\n(select a from t where b = {{ x }})")).toBe("text");
    expect(mode("db", "/payload", "UPDATE orders SET note = {{ x }}")).toBe("text");
    expect(mode("db", "/payload", "with recent as (select 1) select * from recent")).toBe("text");
    expect(mode("send_email", "/subject", "Update on your order {{ params.id }}, as promised")).toBeNull();
    expect(mode("send_email", "/body", "With thanks for your order {{ params.id }}")).toBeNull();
    expect(mode("graphql", "/body", "query { order(id: {{ x }}) { id } }")).toBeNull();
  });

  it("reads a long run of spaces in bounded time", () => {
    const started = performance.now();
    expect(mode("db", "/body", `${" ".repeat(50_000)}x`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("toolSqlHoles", () => {
  const kinds = (sql: string) => toolSqlHoles({ parts: parts(sql) });
  it("makes a hole that stands alone in plain code a literal, and any other inert", () => {
    expect(kinds("SELECT * FROM t WHERE region = {{ a }} AND d >= '{{ b }}' -- {{ c }}")).toEqual(["literal", "inert", "inert"]);
    expect(kinds("SELECT * FROM `proj.ds.orders` WHERE region IN ({{ a }},{{ b }} ) AND x={{ c }}::text")).toEqual(["literal", "literal", "literal"]);
    // Beside a letter, a quote, a slash or another hole, a literal would become another token.
    expect(kinds("SELECT E{{ a }}, 'x'{{ b }}, {{ c }}{{ d }} FROM t WHERE p LIKE '/data/' || {{ e }}")).toEqual(["inert", "inert", "inert", "inert", "literal"]);
    expect(kinds("COPY INTO t FROM @stage/{{ a }}/")).toEqual(["inert"]);
  });

  it("holds a hole inert where some dialect reads a literal, an identifier or a comment", () => {
    // MySQL and BigQuery read \' as a quote inside the string: 'Region = {{ x }}' is a literal there.
    expect(kinds("SELECT 'it\\'s' AS a, 'Region = {{ x }}' AS label FROM t")).toEqual(["inert"]);
    expect(kinds("SELECT 1 # don't\nFROM t WHERE r = {{ x }}")).toEqual(["inert"]);
    expect(kinds("SELECT [it's] FROM t WHERE r = {{ x }}")).toEqual(["inert"]);
    expect(kinds("SELECT q'[it's]' FROM t WHERE r = {{ x }}")).toEqual(["inert"]);
    expect(kinds("SELECT $$ it's $$, {{ x }} FROM t")).toEqual(["inert"]);
    expect(kinds("SELECT /* a /* b */ {{ x }} */ 1")).toEqual(["inert"]);
    expect(kinds("SELECT a--b\n, {{ x }} FROM t")).toEqual(["literal"]);
  });
});

const kindsOf = (sql: string) => toolSqlHoles({ parts: parts(sql) });

describe("renderSqlText", () => {
  const render = (template: string, values: Record<string, unknown>) => renderSqlText({ parts: parts(template), evaluate: table(values) });
  const REGION = "SELECT country FROM orders WHERE region = {{ params.region }} AND paid_at >= '{{ d }}'";

  it("quotes a literal hole's text and writes a number bare; an inert hole takes a date or a number as written", async () => {
    expect(await render(REGION, { "params.region": "APAC", d: "2025-08-01" })).toBe("SELECT country FROM orders WHERE region = 'APAC' AND paid_at >= '2025-08-01'");
    expect(await render("SELECT * FROM t WHERE n > {{ a }} - {{ b }} LIMIT {{ c }}", { a: 1.5, b: -5, c: 10 })).toBe("SELECT * FROM t WHERE n > 1.5 - (-5) LIMIT 10");
    expect(await render("SELECT kpi('{{ a }}', '{{ b }}') -- {{ c }}", { a: "2025-05-01T00:00:00+02:00", b: "2025/05", c: 7 })).toBe("SELECT kpi('2025-05-01T00:00:00+02:00', '2025/05') -- 7");
  });

  it("refuses, naming the hole, a literal value some dialect would need escaped", async () => {
    await expect(render(REGION, { "params.region": "'; DROP TABLE orders; --", d: "2025-08-01" })).rejects.toThrow(
      "the hole {{ params.region }} stands for a literal in SQL the tool receives as text, and its value holds a quote (')",
    );
    const refused = ["EMEA\\", 'a"b', "a`b", "a]b", "a\nb", "a\u0000b", "a\u007fb", "a\u0085b", "O\u2019Brien", "\uff07 OR 1=1", "\u02bc", "\u00a5", "\u20a9"];
    for (const value of refused) await expect(render(REGION, { "params.region": value, d: "2025-08-01" }), JSON.stringify(value)).rejects.toThrow(/^the hole \{\{ params\.region \}\} stands for a literal/);
    await expect(render(REGION, { "params.region": "a\\' OR 1=1 --", d: "2025-08-01" })).rejects.toThrow(/holds a backslash/);
  });

  it("refuses values with no literal every dialect reads alike, and anything but a date or a number in an inert hole", async () => {
    for (const [value, kind] of [[null, "null"], [true, "a boolean"], [{ a: 1 }, "an object"], [["x"], "a list"]] as const)
      await expect(render(REGION, { "params.region": value, d: "2025-08-01" })).rejects.toThrow(`its value is ${kind}`);
    await expect(render(REGION, { "params.region": Infinity, d: "2025-08-01" })).rejects.toThrow("is not a finite number");
    for (const d of ["EMEA", "2025-08-01' OR '1'='1", "2025-08-01 --", "1; DROP TABLE orders"])
      await expect(render(REGION, { "params.region": "APAC", d }), d).rejects.toThrow(/^the hole \{\{ d \}\} is inside a quoted string, an identifier or a comment/);
    await expect(render("SELECT '{{ n }}' || {{ m }}", { n: "x", m: 1 })).rejects.toThrow("the hole {{ n }}");
    await expect(render("SELECT a -{{ n }}", { n: "-5" })).rejects.toThrow("would make a -- comment");
  });

  it("writes a string-constant hole as the author's text, and reads the SQL with it", async () => {
    expect(await render(`SELECT * FROM t WHERE note = '{{ "{{" }} x' AND r = {{ params.r }}`, { "params.r": "APAC" })).toBe("SELECT * FROM t WHERE note = '{{ x' AND r = 'APAC'");
    // The constant opens a string, so the hole after it is inside one.
    expect(kindsOf(`SELECT {{ "'" }} , {{ params.r }}`)).toEqual(["constant", "inert"]);
  });

  it("keeps a lone hole's value whole, as a parameter reference would", async () => {
    expect(await render("{{ params.sql }}", { "params.sql": "SELECT 1" })).toBe("SELECT 1");
  });
});
