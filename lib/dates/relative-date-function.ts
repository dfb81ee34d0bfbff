// `$relativeDate({"unit": "quarter", "offset": -1, "edge": "start"})` inside a template hole: the
// date text at the run's logical time, in the automation's zone. The crystallizer writes these
// for date literals it recognises; the format is the recorded literal's, a plain date when absent.
import { evaluateRelativeDate } from "./evaluate-relative-date";
import { ZRelativeDate, type TRelativeDate } from "./schemas";

export const RELATIVE_DATE_FUNCTION = "relativeDate";

const ZSpec = ZRelativeDate.extend({ format: ZRelativeDate.shape.format.default({ kind: "date" }) });

export function relativeDateFunction({ now, timeZone }: { now: Date; timeZone: string }) {
  return (spec: unknown): string => {
    const parsed = ZSpec.safeParse(spec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`$${RELATIVE_DATE_FUNCTION}: ${issue.path.join(".") || "the argument"} ${issue.message}`);
    }
    return evaluateRelativeDate({ spec: parsed.data, now, timeZone });
  };
}

/** The hole the crystallizer writes for a relative date: the spec as a JSON literal. */
export function relativeDateHole({ spec }: { spec: TRelativeDate }): string {
  const { format, ...rest } = spec;
  return `$${RELATIVE_DATE_FUNCTION}(${JSON.stringify(format.kind === "date" && !format.pattern ? rest : spec)})`;
}

/** The spec of a hole that is exactly one relativeDate call with a literal argument, for review; else null. */
export function parseRelativeDateHole({ hole }: { hole: string }): TRelativeDate | null {
  const m = new RegExp(`^\\$${RELATIVE_DATE_FUNCTION}\\((\\{.*\\})\\)$`, "s").exec(hole.trim());
  if (!m) return null;
  try {
    const parsed = ZSpec.safeParse(JSON.parse(m[1]!));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

