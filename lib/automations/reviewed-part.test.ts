import { describe, expect, it } from "vitest";
import { dropStaleLocalReviews, markReviewedLocally } from "./reviewed-part";
import { normalizeDefinition, reviewHash } from "./validate-definition";
import type { TDefinition, TStep } from "./schemas";

// Reviews marked in the editor on unsaved edits: saved as the saver's review of what was saved,
// and void as soon as the step changes after the mark.

const flagged: TStep = {
  key: "say",
  type: "action",
  action_kind: "transform",
  inputs: { expression: "$inputs.s", s: "x" },
  templates: [{ input_path: "/s", template: "{{ 'x' }}", inferred: "value" }],
  depends_on: [],
  bindings: [],
  parameter_refs: [],
};
const def = (step: TStep): TDefinition => ({ steps: [step], parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] } });
const stamp = { reviewer: "user:ada", at: "2026-12-02T10:00:00.000Z" };

describe("reviews on unsaved edits", () => {
  it("a mark made in the editor is saved as the saver's review of the saved inputs", () => {
    const saved = normalizeDefinition(def(markReviewedLocally(flagged)), def(flagged), stamp);
    expect(saved.steps[0]!.reviewed).toEqual({ by: "user:ada", at: stamp.at, inputs_hash: reviewHash(flagged) });
    expect(saved.metadata.unreviewed_steps).toEqual([]);
  });

  it("an edit after the mark voids it, in the editor and on the server", () => {
    const marked = markReviewedLocally(flagged);
    const edited = { ...marked, inputs: { ...marked.inputs, s: "y" } };
    expect(dropStaleLocalReviews(def(edited)).steps[0]!.reviewed).toBeUndefined();
    expect(dropStaleLocalReviews(def(marked)).steps[0]!.reviewed).toBe(marked.reviewed);
    const saved = normalizeDefinition(def(edited), def(flagged), stamp);
    expect(saved.steps[0]!.reviewed).toBeUndefined();
    expect(saved.metadata.unreviewed_steps).toEqual(["say"]);
  });

  it("a review carried over from the previous version keeps its reviewer, and lapses when the inputs change", () => {
    const reviewed = { ...flagged, reviewed: { by: "user:bob", at: "2026-11-30T09:00:00.000Z", inputs_hash: reviewHash(flagged) } };
    expect(normalizeDefinition(def(reviewed), def(reviewed), stamp).steps[0]!.reviewed?.by).toBe("user:bob");
    const changed = { ...reviewed, inputs: { ...reviewed.inputs, s: "z" } };
    expect(normalizeDefinition(def(changed), def(reviewed), stamp).steps[0]!.reviewed).toBeUndefined();
  });
});
