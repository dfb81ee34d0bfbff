// The stored shape of a relative date: which calendar edge it names, and how the recorded literal
// was written, so that rendering it at the source run's own time gives back that literal exactly.
import { IANAZone } from "luxon";
import { z } from "zod";

/**
 * Other ways a date is written in paths and keys: `2025/07/14`, and a month alone (`2025-07`,
 * `2025/07`), as in `sales/2025/07/` or a `{"month": "2025-05"}` input.
 */
export const DATE_PATTERNS = ["yyyy/MM/dd", "yyyy-MM", "yyyy/MM"] as const;
export type TDatePattern = (typeof DATE_PATTERNS)[number];

/**
 * The literal's textual form. A date is `2025-01-01` unless `pattern` names another; a datetime
 * keeps its separator, precision and zone suffix.
 */
export const ZDateFormat = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), pattern: z.enum(DATE_PATTERNS).optional() }),
  z.object({
    kind: z.literal("datetime"),
    /** `2025-01-01T00:00` vs `2025-01-01 00:00`. */
    separator: z.enum(["T", " "]),
    /** `HH:mm` when false, `HH:mm:ss` when true. */
    seconds: z.boolean(),
    /** Digits after the seconds' dot (`.000` is 3); 0 means no dot. */
    fractionDigits: z.number().int().min(0).max(9),
    /** No suffix (wall time in the zone), `Z` (the instant in UTC), or `+02:00` (the zone's own offset then). */
    zone: z.enum(["none", "Z", "offset"]),
  }),
]);
export type TDateFormat = z.infer<typeof ZDateFormat>;

export const UNITS = ["day", "week", "month", "quarter", "year"] as const;

/**
 * The start or end of a calendar period counted from the logical time: `{ unit: "quarter",
 * offset: -1, edge: "start" }` is the start of the previous quarter, `{ unit: "day", offset: -7 }`
 * seven days ago. Weeks are ISO weeks (Monday to Sunday).
 */
export const ZRelativeDate = z.object({
  unit: z.enum(UNITS),
  /** 0 is this period, -1 the previous one, -N N periods ago. */
  offset: z.number().int(),
  /** `end` is the period's last instant in the format's precision (`2025-03-31`, `23:59:59`, `.999`). */
  edge: z.enum(["start", "end"]),
  format: ZDateFormat,
  /**
   * Evaluated in this zone instead of the automation's. Set when a `Z` literal names a UTC
   * calendar edge that is no edge in the automation's zone (the agent counted days in UTC).
   */
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), "not a known IANA time zone").optional(),
});
export type TRelativeDate = z.infer<typeof ZRelativeDate>;
