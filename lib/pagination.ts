import { z } from "zod";
import { ApiError } from "./errors";

// Keyset pagination over (createdAt desc, id desc): stable under inserts, cheap at any depth.

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new ApiError("validation_error", "query.cursor: is not a cursor this API returned", { field: "query.cursor" });
  return { createdAt, id };
}

/** The `where` that continues after `cursor`. */
export function afterCursor(cursor: Cursor | undefined) {
  if (!cursor) return {};
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

export const PAGE_ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Takes `limit + 1` rows and turns them into a page. */
export function toPage<R extends Cursor, T>(rows: R[], limit: number, present: (r: R) => T) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { data: items.map(present), next_cursor: more ? encodeCursor(items[items.length - 1]!) : null };
}

/** The response schema of a page of `item`s: what `toPage` builds. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
