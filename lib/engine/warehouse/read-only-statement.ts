// The demo warehouse runs on one embedded PostgreSQL whose session user is its superuser (PGlite
// cannot log in as another), with the user's SQL under a SET ROLE to a read-only role. A utility
// statement (SET ROLE, RESET ALL, DO, COPY, …) could undo that role or reach the server's files,
// so only queries run there: the statement's first keyword must be one of these (writes are let
// through to be refused by the read-only transaction, with PostgreSQL's own message). Comments and
// whitespace are skipped as PostgreSQL's lexer skips them (block comments nest).

const QUERIES = new Set(["SELECT", "WITH", "VALUES", "TABLE", "SHOW", "INSERT", "UPDATE", "DELETE", "MERGE"]);
const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\f", "\v"]);
const WORD = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/;

/** Skips whitespace, comments and (when `parens`) opening parentheses from `i`; returns the next position. */
function skip(sql: string, i: number, parens: boolean): number {
  for (;;) {
    const c = sql[i];
    if (c !== undefined && (WHITESPACE.has(c) || (parens && c === "("))) i++;
    else if (sql.startsWith("--", i)) {
      while (i < sql.length && sql[i] !== "\n" && sql[i] !== "\r") i++;
    } else if (sql.startsWith("/*", i)) {
      let depth = 0;
      do {
        if (sql.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith("*/", i)) {
          depth--;
          i += 2;
        } else if (i >= sql.length) return i;
        else i++;
      } while (depth > 0);
    } else return i;
  }
}

/** Why a statement may not run on the demo warehouse, or null when it is a query. */
export function warehouseStatementProblem(sql: string): string | null {
  let i = skip(sql, 0, true);
  const first = WORD.exec(sql.slice(i))?.[0];
  const word = first?.toUpperCase() ?? "";
  if (QUERIES.has(word)) return null;
  if (word === "SET") {
    // SET TRANSACTION only changes the current transaction (and cannot make it read-write).
    i = skip(sql, i + first!.length, false);
    if (WORD.exec(sql.slice(i))?.[0].toUpperCase() === "TRANSACTION") return null;
  }
  const shown = word || sql.slice(i, i + 20).trim();
  return `only queries (${[...QUERIES].slice(0, 5).join(", ")}) run on the demo warehouse${shown ? `; "${shown}" is not one` : ""}`;
}
