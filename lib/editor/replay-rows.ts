import { isPlainObject } from "../json";

// A dry-run output that holds rows (a query's `{ columns, rows }`, or a plain list of records) is
// read as a table, so the reviewer sees which row and column changed, not a list of pointers.

export type DifferenceLike = { path: string; change: "changed" | "added" | "removed"; recorded?: unknown; output?: unknown };
export type RowCell = { column: string; value: unknown; /** Set when the cell differs: what was recorded. */ changed?: { recorded: unknown } };
export type TableRow = { index: number; change?: "added" | "removed" | "changed"; cells: RowCell[] };
export type RowTable = { at: string; columns: string[]; rows: TableRow[]; /** Rows in all, also those not shown. */ rowCount: number };

/** Tables longer than this show only their changed rows. */
const SHOW_ALL_ROWS = 20;
const MAX_SHOWN_ROWS = 50;

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const isRowList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every((r) => isPlainObject(r) || Array.isArray(r));

/** Where the rows are: the value itself, or its first key holding a list of records or of arrays. */
function findRows(value: unknown): { at: string; key?: string } | null {
  if (isRowList(value)) return { at: "" };
  if (!isPlainObject(value)) return null;
  const key = Object.keys(value).find((k) => k !== "columns" && isRowList(value[k]));
  return key === undefined ? null : { at: `/${escapePointer(key)}`, key };
}

function rowsOf(value: unknown, key: string | undefined): unknown[] {
  const v = key === undefined ? value : isPlainObject(value) ? value[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** The output as a table with its changed cells marked, or null when it holds no rows or changed as a whole. */
export function rowTableOf(output: unknown, recorded: unknown, differences: DifferenceLike[]): RowTable | null {
  const found = findRows(output) ?? findRows(recorded);
  if (!found) return null;
  const { at, key } = found;
  if (differences.some((d) => d.path === at || at.startsWith(`${d.path}/`))) return null;
  const now = rowsOf(output, key);
  const then = rowsOf(recorded, key);
  const header = isPlainObject(output) && Array.isArray(output.columns) ? output.columns.map(String) : null;
  const columns: string[] = [];
  const addColumn = (c: string) => void (columns.includes(c) || columns.push(c));
  for (const r of [...now, ...then]) {
    if (isPlainObject(r)) Object.keys(r).forEach(addColumn);
    else if (Array.isArray(r)) r.forEach((_, i) => addColumn(header?.[i] ?? String(i)));
  }
  const columnToken = (c: string) => (header && header.includes(c) && Array.isArray(now[0] ?? then[0]) ? String(header.indexOf(c)) : escapePointer(c));
  const cellOf = (row: unknown, c: string) => {
    if (isPlainObject(row)) return row[c];
    return Array.isArray(row) ? row[Number(columnToken(c))] : undefined;
  };

  const rows: TableRow[] = [];
  for (let i = 0; i < Math.max(now.length, then.length); i++) {
    const rowPath = `${at}/${i}`;
    const whole = differences.find((d) => d.path === rowPath && d.change !== "changed");
    const source = i < now.length ? now[i] : then[i];
    const cells = columns.map((column): RowCell => {
      const cellPath = `${rowPath}/${columnToken(column)}`;
      const changed = differences.some((d) => d.path === cellPath || d.path.startsWith(`${cellPath}/`));
      return { column, value: cellOf(source, column), ...(changed && !whole && { changed: { recorded: cellOf(then[i], column) } }) };
    });
    const change = whole ? (whole.change as "added" | "removed") : cells.some((c) => c.changed) ? "changed" : undefined;
    rows.push({ index: i, ...(change && { change }), cells });
  }
  const shown = rows.length <= SHOW_ALL_ROWS ? rows : rows.filter((r) => r.change).slice(0, MAX_SHOWN_ROWS);
  return { at, columns, rows: shown, rowCount: rows.length };
}
