// What the editor shows of a step's templates: which inputs are templated, each relative date in
// words, and a preview of the value a run at a given time would use. Pure and synchronous: a
// relative date is evaluated here as the engine does, a lone `params.x` hole shows the parameter's
// default, and any other hole is shown as written (only a run evaluates JSONata).
import type { TDefinition, TStep, TTemplate } from "../automations/schemas";
import { describeRelativeDate } from "../dates/describe-relative-date";
import { evaluateRelativeDate } from "../dates/evaluate-relative-date";
import { parseRelativeDateHole } from "../dates/relative-date-function";
import { parseTemplate } from "../templates/parse-template";
import type { SqlInputMode } from "../templates/sql-input-mode";
import { toolSqlHoles } from "../templates/tool-sql-holes";
import { mapStep } from "./graph";

/** `relation` and `value` for a relative date: "start of previous month", and its text at the preview's time. */
export type TemplateHole = { hole: string; relation?: string; value?: string };

export type TemplateView = {
  template: TTemplate;
  holes: TemplateHole[];
  /** The value with relative dates as of `at`, or null when the template does not parse. */
  preview: string | null;
};

const PARAM_PATH = /^params\.([a-z][a-z0-9_]*)$/;

/**
 * `sql`: the template is a SQL statement, whose holes are bound parameters (true, or "bound"),
 * or SQL a tool receives as text ("text"), whose holes that stand alone are literals; the
 * preview shows text values as the literals they stand for (`'2026-11-01'`), which is how they
 * compare.
 */
export function viewTemplate(template: TTemplate, { def, at, sql = false }: { def: TDefinition; at: Date; sql?: boolean | SqlInputMode }): TemplateView {
  const parsed = parseTemplate({ template: template.template });
  if (!parsed.ok) return { template, holes: [], preview: null };
  const timeZone = def.time_zone ?? "UTC";
  const holes: TemplateHole[] = [];
  // A lone hole is the whole input, not a literal in it.
  const literal = sql === "text" ? toolSqlHoles({ parts: parsed.parts }).map((h) => h === "literal" && parsed.parts.length > 1) : null;
  const show = (text: string) => ((literal ? literal[holes.length - 1] : sql) ? `'${text.replaceAll("'", "''")}'` : text);
  let preview = "";
  for (const part of parsed.parts) {
    if ("text" in part) {
      preview += part.text;
      continue;
    }
    const spec = parseRelativeDateHole({ hole: part.hole });
    const param = PARAM_PATH.exec(part.hole)?.[1];
    const fallback = def.parameters.find((p) => p.name === param)?.default;
    const value = spec ? evaluateRelativeDate({ spec, now: at, timeZone }) : undefined;
    holes.push({ hole: part.hole, ...(spec ? { relation: describeRelativeDate({ spec }), value } : {}) });
    if (value !== undefined) preview += show(value);
    else if (fallback !== undefined) preview += typeof fallback === "string" ? show(fallback) : JSON.stringify(fallback);
    else preview += `{{ ${part.hole} }}`;
  }
  return { template, holes, preview };
}

export const templateAt = (step: TStep, inputPath: string) => step.templates?.find((t) => t.input_path === inputPath);

/** Sets (or, with an empty text, removes) the template of one input. */
export function setTemplate(def: TDefinition, key: string, inputPath: string, template: string): TDefinition {
  return mapStep(def, key, (s) => {
    const rest = (s.templates ?? []).filter((t) => t.input_path !== inputPath);
    const before = templateAt(s, inputPath);
    const templates = template ? [...rest, { ...before, input_path: inputPath, template }] : rest;
    return { ...s, templates: templates.length ? templates : undefined };
  });
}

/** Back to the frozen value: the template goes, the recorded value in the inputs stays. */
export const freezeTemplate = (def: TDefinition, key: string, inputPath: string) => setTemplate(def, key, inputPath, "");
