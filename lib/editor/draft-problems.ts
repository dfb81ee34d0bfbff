import { isPseudoTool, needsProvider } from "../actions/registry";
import { inputProblems } from "./fields";
import type { TDefinition } from "../automations/schemas";

/** A step's problem as the canvas marks it: "unbound tool: …" or "invalid inputs: …". */
export type Problems = ReadonlyMap<string, string>;

/**
 * The steps of a draft that cannot run as they stand. The server's check (activation blockers)
 * knows more than the browser (data sources, the provider policy), but it checked the saved
 * version: its verdict stands for each step the draft left as it was, and a step added or changed
 * since is checked here, the same way for what the browser can know: a tool no provider offers,
 * inputs the action kind's schema refuses.
 */
export function draftProblems({ saved, draft, savedProblems, tools }: { saved: TDefinition; draft: TDefinition; savedProblems: Problems; tools: ReadonlySet<string> }): Problems {
  if (draft === saved) return savedProblems;
  const before = new Map(saved.steps.map((s) => [s.key, s]));
  const out = new Map<string, string>();
  for (const step of draft.steps) {
    if (before.get(step.key) === step) {
      const p = savedProblems.get(step.key);
      if (p) out.set(step.key, p);
      continue;
    }
    const kind = step.type === "action" ? step.action_kind : step.type;
    if (needsProvider(step)) {
      if (!tools.has(kind!) && !isPseudoTool(kind!)) out.set(step.key, `unbound tool: no tool provider offers "${kind}"`);
      continue;
    }
    const [first] = inputProblems(kind, step.inputs);
    if (first) out.set(step.key, `invalid inputs: inputs.${first}`);
  }
  return sameProblems(out, savedProblems) ? savedProblems : out;
}

export const sameProblems = (a: Problems, b: Problems) => a === b || (a.size === b.size && [...a].every(([k, v]) => b.get(k) === v));
