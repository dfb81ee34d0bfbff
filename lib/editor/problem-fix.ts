import type { Blocker } from "../automations/responses";
import { asSentence } from "../client/loop";
import type { TStep } from "../automations/schemas";
import { SQL_KINDS } from "../templates/sql-kinds";

/** Where a step's problem is fixed, when that is a page of its own: a form there, filled in for it. */
export type ProblemFix = { href: string; label: string };

/**
 * The fix for a step that cannot run because something it calls is not set up: a tool no provider
 * offers, or a data source the workspace lacks. `problem` is the step's problem as the canvas marks
 * it ("unbound tool: …", "invalid inputs: …"). The page comes back to `automationId` when done.
 */
export function problemFix(step: TStep, problem: string, automationId: string): ProblemFix | null {
  const kind = step.type === "action" ? step.action_kind : undefined;
  if (!kind) return null;
  const from = `from=${encodeURIComponent(automationId)}`;
  // A step pinned to a provider that lacks the tool binds to no other, so a new provider would not
  // fix it; nor does a form fix a provider the server refuses to start (the operator's to allow).
  if (problem.startsWith("unbound tool: no tool provider offers"))
    return { href: `/tool-providers?add=1&tool=${encodeURIComponent(kind)}&${from}`, label: "Add a tool provider" };
  const source = step.inputs.data_source;
  if (SQL_KINDS.has(kind) && typeof source === "string" && source && problem.includes("inputs.data_source:") && problem.endsWith("is not configured"))
    return { href: `/data-sources?add=1&name=${encodeURIComponent(source)}&${from}`, label: `Add data source ${source}` };
  return null;
}

/** A step's blocker from the server's check, as the canvas marks it. */
export const blockerProblem = (b: Blocker) => `${b.reason === "unbound_tool" ? "unbound tool" : "invalid inputs"}: ${b.message}`;

/** `?from=` on the page a fix link opens, as an automation id or nothing: the way back is built from it. */
export const automationIdParam = (from: unknown) => (typeof from === "string" && /^auto_[A-Za-z0-9]{1,64}$/.test(from) ? from : undefined);

/**
 * A blocker's message as a person reads it: the API names an input by its path in the request
 * ("inputs.data_source: …"), a form by its name ("input data_source: …").
 */
export const messageInWords = (message: string) => message.replace(/^inputs\.([^:]+): /, "input $1: ");

/** A step's problem as its panel says it: "Unbound tool: …", "Input data_source: … is not configured." */
export function problemInWords(problem: string): string {
  const invalid = "invalid inputs: ";
  const named = problem.startsWith(`${invalid}inputs.`) ? messageInWords(problem.slice(invalid.length)) : problem;
  return asSentence(named);
}
