// A parameter as a template's holes name it: `params.<name>` in a hole's code, never in the text
// around the holes nor inside a string literal in a hole (`{{ "params.x" }}` names nothing).
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

export function templateNamesParameter(template: string, name: string): boolean {
  const parsed = parseTemplate({ template });
  if (!parsed.ok) return false;
  let found = false;
  for (const p of parsed.parts)
    if ("hole" in p)
      outsideStrings(p.hole, (code) => {
        found ||= parameterHole(name).test(code);
        return code;
      });
  return found;
}

/** The template with `params.<from>` renamed in its holes' code; text and string literals stay. */
export function renameParameterInTemplate(template: string, from: string, to: string): string {
  const parsed = parseTemplate({ template });
  if (!parsed.ok) return template;
  let out = "";
  let at = 0;
  for (const p of parsed.parts) {
    if (!("hole" in p)) continue;
    const close = template.indexOf(p.hole, p.offset) + p.hole.length;
    const renamed = outsideStrings(p.hole, (s) => s.replace(parameterHole(from), `params.${to}`));
    out += template.slice(at, p.offset) + template.slice(p.offset, close - p.hole.length) + renamed;
    at = close;
  }
  return out + template.slice(at);
}
