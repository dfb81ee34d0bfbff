import { describe, expect, it } from "vitest";
import { checkTemplate } from "./check-template";
import { parseTemplate } from "./parse-template";
import { renderSql, renderText } from "./render-template";
import { sqlHoleProblem } from "./sql-hole-problem";

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
