import { canonicalJson } from "../json";
import type { TDefinition, TStep } from "./schemas";

// A review vouches for what a step will do: its inputs, and its templates and loop when it has
// them. The server keeps a hash of that; the editor, which marks reviews on unsaved edits, keeps
// the part itself (`local:` + its canonical JSON) so an edit after the mark voids it at once.

export const reviewedPart = (step: Pick<TStep, "inputs" | "templates" | "for_each">): unknown =>
  step.templates?.length || step.for_each
    ? { inputs: step.inputs, ...(step.templates?.length ? { templates: step.templates } : {}), ...(step.for_each ? { for_each: step.for_each } : {}) }
    : step.inputs;

const LOCAL = "local:";
const localHash = (step: TStep) => LOCAL + canonicalJson(reviewedPart(step));

/** The editor's mark: reviewed by whoever saves it, of the step as it stands now. */
export const markReviewedLocally = (step: TStep): TStep => ({ ...step, reviewed: { by: "", at: new Date().toISOString(), inputs_hash: localHash(step) } });

/** Drops the editor's marks on steps edited since: a review holds for the inputs it saw. */
export function dropStaleLocalReviews(def: TDefinition): TDefinition {
  if (!def.steps.some((s) => s.reviewed?.inputs_hash?.startsWith(LOCAL) && s.reviewed.inputs_hash !== localHash(s))) return def;
  return {
    ...def,
    steps: def.steps.map((s) => {
      if (!s.reviewed?.inputs_hash?.startsWith(LOCAL) || s.reviewed.inputs_hash === localHash(s)) return s;
      const rest = { ...s };
      delete rest.reviewed;
      return rest;
    }),
  };
}

/** A review this save adds: not the previous version's, and marked in the editor on these very inputs. */
export function isFreshReview(step: TStep, prev: TStep | undefined): boolean {
  const r = step.reviewed;
  if (!r || (prev?.reviewed && prev.reviewed.at === r.at && prev.reviewed.by === r.by)) return false;
  return r.inputs_hash === undefined || r.inputs_hash === localHash(step);
}
