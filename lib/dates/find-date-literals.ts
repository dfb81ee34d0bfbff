// Date literals inside a longer text: ISO dates, ISO datetimes with or without `Z` or an offset,
// and SQL's `YYYY-MM-DD HH:MM:SS`. Only real calendar dates written with dashes: digits in an id,
// a version or a longer number (`ORD-20250101`, `2025.01.01`, `1-2025-01-01-2`) are not dates, but
// a dashed date inside a name is (`sales_2025-03-31.csv`): review decides whether it should roll.
// Paths and keys also write `2025/03/31`, or a month alone (`2025/03`, `2025-03`); those are found
// too, as dates with a pattern.
import type { TDateFormat } from "./schemas";

export type TDateLiteral = {
  /** Index of the literal's first character in the text, and one past its last. */
  start: number;
  end: number;
  literal: string;
  format: TDateFormat;
};

const LITERAL =
  /(?<!\d[-.:]?)(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?(?![-+.:]?\d)/g;

/** `2025/03/31`, or a month alone: `2025/03` or `2025-03`, which no day or longer number follows. */
const SLASHED = /(?<!\d[-./:]?)(\d{4})\/(\d{2})\/(\d{2})(?![-+./:]?\d)/g;
const MONTH = /(?<!\d[-./:]?)(\d{4})([-/])(\d{2})(?![-+./:]?\d)/g;

/** Plain arithmetic, not a Luxon object: this runs for every dashed date in every input. */
function isCalendarDate(year: number, month: number, day: number) {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function findDateLiterals({ text }: { text: string }): TDateLiteral[] {
  const found: TDateLiteral[] = [];
  for (const m of text.matchAll(LITERAL)) {
    const [literal, year, month, day, separator, hour, minute, second, fraction, zone] = m;
    if (!isCalendarDate(+year!, +month!, +day!)) continue;
    if (hour !== undefined && (+hour > 23 || +minute! > 59 || (second !== undefined && +second > 59))) continue;
    const format: TDateFormat =
      separator === undefined
        ? { kind: "date" }
        : {
            kind: "datetime",
            separator: separator as "T" | " ",
            seconds: second !== undefined,
            fractionDigits: fraction?.length ?? 0,
            zone: zone === undefined ? "none" : zone === "Z" ? "Z" : "offset",
          };
    found.push({ start: m.index, end: m.index + literal.length, literal, format });
  }
  for (const m of text.matchAll(SLASHED))
    if (isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) found.push({ start: m.index, end: m.index + m[0].length, literal: m[0], format: { kind: "date", pattern: "yyyy/MM/dd" } });
  for (const m of text.matchAll(MONTH))
    if (isCalendarDate(+m[1]!, +m[3]!, 1)) found.push({ start: m.index, end: m.index + m[0].length, literal: m[0], format: { kind: "date", pattern: m[2] === "/" ? "yyyy/MM" : "yyyy-MM" } });
  return found.sort((a, b) => a.start - b.start);
}

/** The literal's calendar day as `yyyy-MM-dd`; a month is its first day. */
export function isoDayOf(literal: TDateLiteral): string {
  const [year, month, day = "01"] = literal.literal.slice(0, 10).split(/[-/]/);
  return `${year}-${month}-${day}`;
}
