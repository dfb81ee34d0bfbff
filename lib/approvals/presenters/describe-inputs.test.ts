import { describe, expect, it } from "vitest";
import { describeInputs, describeValue } from "./describe-inputs";

describe("describeInputs", () => {
  it("reads inputs as words, an id's key without its _id", () => {
    expect(describeInputs({ stepKey: "issue_refund", inputs: { amount: 89, payment_id: "pay_9Kx4Tn" }, unresolved: [] })).toBe("issue_refund: amount 89, payment pay_9Kx4Tn");
  });

  it("says which inputs are not known yet, and why, instead of their placeholders", () => {
    const text = describeInputs({
      stepKey: "issue_refund",
      inputs: { amount: 89, approved_by: "someone" },
      unresolved: [{ input_path: "/approved_by", reason: "not known until approve_refund is decided" }],
    });
    expect(text).toBe("issue_refund: amount 89, approved by: not known until approve_refund is decided");
    expect(text).not.toContain("someone");
  });

  it("shortens long values and lists, and says a loop", () => {
    expect(describeValue("x".repeat(200))).toHaveLength(80);
    expect(describeValue([1, 2, 3])).toBe("a list of 3");
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeInputs({ stepKey: "s", inputs: {}, unresolved: [], loop: "once per item of list/items" })).toBe("s: no inputs (once per item of list/items)");
  });
});
