// The value rule: a distinctive value inside a longer string (an order id in an email's subject,
// an id in a URL's path) that the user gave or an earlier tool produced becomes a template hole,
// `{{ params.order_id }}` or `{{ steps.get_order_1.output.id }}`, with the same thresholds as
// whole-value bindings. Code-like inputs are left alone: a hole there would splice a run's value
// into a command, except in SQL, where a hole replaces a whole quoted literal (or a number): in
// a SQL step's statement it is a bound parameter, in SQL a tool receives as text a checked
// literal (lib/templates/render-template.ts renderSqlText). Pure.
import { parsePointer } from "../json";
import { checkTemplate } from "../templates/check-template";
import { sqlInputMode } from "../templates/sql-input-mode";
import { SqlReadings, standsAlone, toolSqlHoles } from "../templates/tool-sql-holes";
import { parseTemplate } from "../templates/parse-template";

/** Words of an id, an email, a host or a path segment. */
const TOKEN = /[A-Za-z0-9_@+\-.%~]+/g;
/** A sentence's full stop or a list's colon is not part of the value before it. */
/** Trims a sentence's full stops by hand: a regex anchored at the end backtracks on a run of dots. */
const trimTrailing = (t: string) => {
  let end = t.length;
  while (end > 0 && (t[end - 1] === "." || t[end - 1] === ":")) end--;
  return end === t.length ? t : t.slice(0, end);
};
/** Ids are short: a long run of token characters is data no hole stands for, and costs lookups. */
const MAX_TOKEN = 200;
/** Leaves longer than this are documents, not the subjects and URLs this rule is for. */
const MAX_TEXT = 20_000;
const NUMBER = /^-?\d+(\.\d+)?$/;
/** Inputs whose text is run, not read: a spliced value could change what runs. */
const CODE_KEYS = /(^|_)(sql|statement|query|where|filter|command|cmd|script|shell|code|expression|jsonata|regex|formula|template|args?)$/i;
const LOOKS_LIKE_SQL = /^\s*(select|with|insert|update|delete|create|alter|drop|merge|copy)\b/i;
/** A character no token holds: without one, the text is one word, and whole values are bound elsewhere. */
const SEPARATOR = /[^A-Za-z0-9_@+\-.%~]/;

/**
 * What a token stands for: a hole expression, or null. `name`: what the SQL compares the token's
 * literal with (`region` in `region = 'EMEA'`), a better parameter name than the input's.
 */
export type TokenSource = (token: string, hint?: { name?: string }) => string | null;

/** The column a literal is compared with: `o.region = `, `"region" IN (`, `name LIKE `. */
const COMPARED = /([A-Za-z_][A-Za-z0-9_]*)["`\]]?\s*(?:=|<>|!=|\b(?:i?like|in\s*\())\s*$/i;

/**
 * The template for one string input, or null when nothing in it is worth a hole. `source` says
 * what a token stands for (and records the dependency or parameter it implies).
 */
export function valueTemplate({ text, path, kind, source }: { text: string; path: string; kind: string; source: TokenSource }): string | null {
  if (text.length < 4 || text.length > MAX_TEXT || !SEPARATOR.test(text) || text.includes("{{")) return null;
  const mode = sqlInputMode({ kind, path, template: text });
  const sql = mode === "bound";
  const key = path.slice(path.lastIndexOf("/") + 1);
  // Outside SQL a hole is spliced text: never into something that is run.
  if (!mode && (CODE_KEYS.test(key) || LOOKS_LIKE_SQL.test(text))) return null;
  // SQL sent as text, read as each dialect would, up to `read`: a token is a hole only where every reading says code.
  const readings = mode === "text" ? new SqlReadings() : null;
  let read = 0;
  let template = "";
  let at = 0;
  let holes = 0;
  const tokens = new RegExp(TOKEN);
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    // Most words are too short or too plain to be data: skip them before any lookup. A
    // two-letter code in capitals ("US") is the one short word that can be.
    if (m[0].length < 2 || (m[0].length === 2 && !/^[A-Z]{2}$/.test(m[0])) || m[0].length > MAX_TOKEN) continue;
    const token = trimTrailing(m[0]);
    // The whole input is a binding or a parameter already, not a template.
    if (token.length < 2 || token.length === text.length) continue;
    let [start, end] = [m.index, m.index + token.length];
    const quoted = text[start - 1] === "'" && text[end] === "'";
    // A bare number in SQL a tool receives as text stays: a literal hole there renders a string quoted.
    if (mode && !quoted && (mode === "text" || !NUMBER.test(token))) continue;
    if (mode && quoted) [start, end] = [start - 1, end + 1];
    if (readings) {
      readings.feed(text.slice(read, start));
      read = start;
      if (!readings.code || !standsAlone(text[start - 1], text[end])) continue;
    }
    const name = mode && quoted ? COMPARED.exec(text.slice(Math.max(0, start - 80), start))?.[1] : undefined;
    const hole = source(token, name ? { name } : undefined);
    if (!hole) continue;
    template += text.slice(at, start) + `{{ ${hole} }}`;
    at = end;
    holes++;
  }
  if (holes === 0) return null;
  template += text.slice(at);
  // A hole the SQL's own lexing puts inside a string or comment cannot be a parameter or a literal.
  if ("problem" in checkTemplate({ template, sql })) return null;
  if (mode === "text") {
    const parsed = parseTemplate({ template });
    if (!parsed.ok || sqlInputMode({ kind, path, template }) !== "text" || toolSqlHoles({ parts: parsed.parts }).some((h) => h !== "literal")) return null;
  }
  return template;
}

/** `/orders/0/id` as a JSONata path after `steps.<key>.output`: `.orders[0].id`. */
export function outputPathExpression(pointer: string): string | null {
  const segments = parsePointer(pointer);
  if (!segments || segments.some((s) => s.includes("`"))) return null;
  return segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `.\`${s}\``)).join("");
}
