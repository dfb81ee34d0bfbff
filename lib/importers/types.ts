import { z } from "zod";
import { ApiError } from "../errors";
import type { TMessageInput } from "../sources/schemas";

/** What an importer reads out of a vendor file: native messages plus what it knows of the run. */
export type ImportResult = {
  messages: TMessageInput[];
  /** Records that were read but not imported, grouped by why. */
  skipped: Skipped[];
  agent?: string;
  input?: unknown;
  output?: unknown;
  started_at?: string;
  ended_at?: string;
  failed?: boolean;
};

export type Skipped = { where: string; reason: string; count: number };

/** One record of the file and the place to name in an error about it. */
export type Item = { value: unknown; where: string };

/** A parsed upload: one JSON value, or JSON lines. */
export type Doc = { kind: "json"; value: unknown } | { kind: "lines"; items: Item[] };

export const importError = (where: string, message: string) =>
  new ApiError("validation_error", `${where}: ${message}`, { field: where });

export const ZImportReport = z.object({
  format: z.string(),
  /** True when the format was not given and was recognised from the content. */
  detected: z.boolean(),
  messages: z.number(),
  tool_calls: z.number(),
  /** Calls whose id an earlier call in the file used already (some frameworks reuse ids). */
  repeated_call_ids: z.number(),
  skipped: z.array(z.object({ where: z.string(), reason: z.string(), count: z.number() })),
}).meta({ id: "ImportReport" });
export type ImportReport = z.output<typeof ZImportReport>;
