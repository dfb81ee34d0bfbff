import { createHash } from "node:crypto";
import { canonicalJson } from "../json";
import type { Doc } from "./types";

/**
 * What identifies an import of one file: sha256 of what it imports as (run or thread), in which
 * format, and the file's content as read, canonicalised. The same log sent as parsed JSON or as
 * its text, with other whitespace or key order, gives the same hash; any changed value does not.
 * Pure (runs on the worker thread with the import).
 */
export function importHash({ kind, format, doc }: { kind: "run" | "thread"; format: string; doc: Doc }): string {
  const content = doc.kind === "json" ? canonicalJson(doc.value) : canonicalJson(doc.items.map((i) => i.value));
  return createHash("sha256").update(`${kind}\n${format}\n${doc.kind}\n`).update(content).digest("hex");
}
