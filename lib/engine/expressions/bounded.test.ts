import { describe, expect, it } from "vitest";
import { boundedExpression } from "./bounded";

// Only expressions that cannot loop or grow without end may skip the isolated evaluator.

describe("bounded expressions", () => {
  it("paths, arithmetic, comparisons, conditions and constructors run in-process", () => {
    for (const e of ["$inputs.x + 1", "$", "$inputs", "a.b.c", "order.total * 1.2 - 3", '{"id": order.id, "n": $inputs.n}', "[a, b]", "a > 1 ? 'big' : 'small'", "-a", "a & '-' & b", "a = 1 and b != 2", "'x' in tags", "true", "null", "42"])
      expect(boundedExpression(e), e).not.toBeNull();
  });

  it("anything that can loop, recurse, filter, bind or call goes to the isolated evaluator", () => {
    for (const e of [
      "($f := function($x){ $f($x) }; $f(1))",
      "$sum([1..10000000].($ * 2))",
      "[1..5]",
      "$count(a)",
      "a[b > 1]",
      "a[0]",
      "a{b: c}",
      "a^(b)",
      "a ~> $uppercase",
      "**.x",
      "*.x",
      "$x",
      "$$",
      "$string(a)",
      "a.($ * 2)",
      "/ab+/",
      "a#$i",
      "a@$o",
      "| a | {'b': 1} |",
      "(a; b)",
      `[${Array.from({ length: 9 }, () => "a").join(",")}]`,
      `${"a + ".repeat(200)}1`,
      "a +",
    ])
      expect(boundedExpression(e), e).toBeNull();
  });
});
