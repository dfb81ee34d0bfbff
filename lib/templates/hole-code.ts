// A template's holes' code, apart from the text around the holes and the string literals inside
// them: `params.x` in "Refund params.x for {{ "params.x" & params.x }}" is a name only once. What
// a template reads (a parameter, the loop's item, a step's output) is found and renamed here.
import { parseTemplate } from "./parse-template";
import { parameterHole } from "./check-template";

/** `code` with `edit` applied to the parts outside string literals. */
function outsideStrings(code: string, edit: (part: string) => string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const q = code[i]!;
    if (q !== '"' && q !== "'" && q !== "`") continue;
    let end = i + 1;
    while (end < code.length && code[end] !== q) end += code[end] === "\\" && q !== "`" ? 2 : 1;
    out += edit(code.slice(start, i)) + code.slice(i, end + 1);
    start = end + 1;
    i = end;
  }
  return out + edit(code.slice(start));
}

/** The template with `edit` applied to its holes' code; text and string literals stay as written. */
export function editHoleCode(template: string, edit: (code: string) => string): string {
  const parsed = parseTemplate({ template });
  if (!parsed.ok) return template;
  let out = "";
  let at = 0;
  for (const p of parsed.parts) {
    if (!("hole" in p)) continue;
    const start = template.indexOf(p.hole, p.offset);
    out += template.slice(at, start) + outsideStrings(p.hole, edit);
    at = start + p.hole.length;
  }
  return out + template.slice(at);
}

/** Whether the holes' code matches `pattern` somewhere. */
export function holeCodeMatches(template: string, pattern: RegExp): boolean {
  let found = false;
  editHoleCode(template, (code) => {
    found ||= new RegExp(pattern.source, pattern.flags.replace("g", "")).test(code);
    return code;
  });
  return found;
}

export const templateNamesParameter = (template: string, name: string) => holeCodeMatches(template, parameterHole(name));

export const renameParameterInTemplate = (template: string, from: string, to: string) =>
  editHoleCode(template, (code) => code.replace(parameterHole(from), `params.${to}`));
