import { describe, expect, it } from "vitest";
import { asSentence, describeProgress, loopEdgeLabel, loopPhrase, loopPhraseFull, loopProgress, stepNames } from "./loop";

describe("loop wording", () => {
  it("names the list short on the node and with its producer elsewhere", () => {
    const items = { from_step: "list_reservations_1", output_path: "/reservations" };
    expect(loopPhrase(items)).toBe("for each of /reservations");
    expect(loopPhraseFull(items)).toBe("for each of list_reservations_1/reservations");
    expect(loopEdgeLabel(items)).toBe("/reservations → each item");
  });

  it("says when the list is a text's lines, JSON inside a text, a whole output or a parameter", () => {
    expect(loopPhrase({ from_step: "glob_1", output_path: "", lines: true })).toBe("for each line of glob_1's output");
    expect(loopEdgeLabel({ from_step: "glob_1", output_path: "", lines: true })).toBe("output lines → each item");
    expect(loopPhrase({ from_step: "bash_1", output_path: "/stdout", json: "/items" })).toBe("for each of /items inside /stdout");
    expect(loopPhraseFull({ from_step: "bash_1", output_path: "/stdout", json: "/items" })).toBe("for each of /items inside bash_1/stdout");
    expect(loopPhrase({ parameter: "ids" })).toBe("for each of params.ids");
    expect(loopEdgeLabel({ parameter: "ids" })).toBeUndefined();
  });

  it("counts done, failed and running items", () => {
    const p = loopProgress([{ status: "succeeded" }, { status: "failed" }, { status: "running" }, { status: "pending" }, { status: "succeeded" }]);
    expect(p).toEqual({ total: 5, succeeded: 2, failed: 1, running: 1 });
    expect(describeProgress(p!)).toBe("2 / 5 items done · 1 failed · 1 running");
    expect(describeProgress(loopProgress([{ status: "succeeded" }])!)).toBe("1 / 1 item done");
    expect(loopProgress(undefined)).toBeNull();
  });

  it("names the steps of a loop to make in one line, and a refusal as a sentence", () => {
    expect(stepNames(["get_1", "get_2"])).toBe("get_1 and get_2");
    expect(stepNames(["get_1", "get_2", "get_3"])).toBe("get_1, get_2 and get_3");
    expect(stepNames(["get_1", "get_2", "get_3", "get_4", "get_5"])).toBe("get_1, get_2 and 3 more");
    expect(asSentence("how many items get_1 had is not recorded: say how many steps to make")).toBe("How many items get_1 had is not recorded: say how many steps to make.");
    expect(asSentence("Done.")).toBe("Done.");
  });
});
