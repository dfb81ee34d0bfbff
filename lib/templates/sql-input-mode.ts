// Which templated inputs are SQL, decided from the step and the template alone (never from a
// run's values, which a webhook caller supplies). Our SQL kinds' statement binds each hole as a
// parameter. Any other tool receives its SQL as text, so binding is impossible: there a hole is
// rendered by renderSqlText, as a checked literal or an inert date or number, never spliced.
import { SQL_KINDS } from "./sql-kinds";

export type SqlInputMode = "bound" | "text" | null;

/** Keys a tool runs as SQL: `sql`, `statement`, a `where` clause, and `raw_sql`, `sqlQuery`, `statements/0`. */
const SQL_KEYS = /(^|_)(sqls?|statements?|where)$/;
/**
 * A `query` is SQL as often as a search box's words or GraphQL: it counts when it reads as SQL,
 * a statement or a condition (`region = '…'`, `amount > {{ … }}`, `where`, `order by`).
 */
const QUERY_KEYS = /(^|_)(query|queries)$/;
const SQL_CONDITION = /(?:[=<>]|\b(?:i?like|in|between|is))\s*(?:'|\(|\{\{)|\b(?:where|order\s+by|group\s+by)\b/i;

/**
 * Text that reads as a statement, after leading comments and parentheses. Each verb needs its
 * statement's shape (`update … set`, `insert into`), so a message that starts "Update on your
 * order" stays prose; a verb in capitals is enough, as prose is not written so.
 */
const LEAD = String.raw`^(?:\s|--[^\n]*(?:\n|$)|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|\()*`;
const STATEMENT = new RegExp(
  LEAD +
    String.raw`(?:select\b[\s\S]*?\bfrom\b|with\s+(?:recursive\s+)?[\w"\x60]+\s*(?:\([^)]*\)\s*)?as\s*(?:not\s+)?(?:materialized\s*)?\(|insert\s+(?:into|overwrite)\b|update\s+[\w."\x60\[\]]+\s+set\b|delete\s+from\b|merge\s+into\b|(?:create|alter|drop|truncate)\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:table|view|index|schema|database|function|procedure|materialized)\b|copy\s+[\w."\x60]+)`,
  "i",
);
const CAPITAL_VERB = new RegExp(LEAD + String.raw`(?:SELECT|WITH|INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|CREATE|ALTER|DROP|TRUNCATE|COPY|CALL|EXEC|EXECUTE|VALUES)\b`);

/** The input's own key: the last path segment that is not an index, snake_cased (`rawSql` → `raw_sql`). */
function keyOf(path: string): string {
  const segments = path.split("/").filter((s) => s && !/^\d+$/.test(s));
  return (segments.at(-1) ?? "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Whether a text reads as SQL a tool would run: the shape test both the crystallizer and the engine use. */
export const looksLikeStatement = (text: string) => STATEMENT.test(text) || CAPITAL_VERB.test(text);

/**
 * `template`: the template as written (or, in the crystallizer, the recorded text it is made
 * from, which has the same words around its holes).
 */
export function sqlInputMode({ kind, path, template }: { kind: string; path: string; template: string }): SqlInputMode {
  if (SQL_KINDS.has(kind)) return path === "/sql" ? "bound" : null;
  const key = keyOf(path);
  return SQL_KEYS.test(key) || looksLikeStatement(template) || (QUERY_KEYS.test(key) && SQL_CONDITION.test(template)) ? "text" : null;
}
