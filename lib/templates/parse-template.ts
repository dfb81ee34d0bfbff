// A template is text with `{{ … }}` holes, each a JSONata expression. The end of a hole is found
// by reading the expression's own tokens, so `}}` inside a string or an object literal
// (`{{ {"a": {"b": 1}} }}`) does not end it early.

export type TemplatePart = { text: string } | { hole: string; offset: number };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; problem: string };

const QUOTES = new Set(['"', "'", "`"]);

export function parseTemplate({ template }: { template: string }): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{{", i);
    if (open < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: template.slice(i, open) });
    const close = holeEnd(template, open + 2);
    if (close < 0) return { ok: false, problem: `the {{ at character ${open + 1} is never closed with }}` };
    const hole = template.slice(open + 2, close).trim();
    if (!hole) return { ok: false, problem: `the hole at character ${open + 1} is empty` };
    parts.push({ hole, offset: open });
    i = close + 2;
  }
  return { ok: true, parts };
}

/** Index of the `}}` closing a hole whose expression starts at `from`, or -1. */
function holeEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (QUOTES.has(c)) {
      i = quoteEnd(text, i);
      if (i < 0) return -1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

function quoteEnd(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\" && q !== "`") i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

/** Whether a string input has holes at all: the cheap test before parsing. */
export const hasHoles = (text: string) => text.includes("{{");
