import { z } from "zod";
import { ApiError } from "../api/errors";
import type { TMessageInput } from "../sources/schemas";

export type ImportResult = {
  messages: TMessageInput[];
  /** Records that were read but not imported, with why. */
  skipped: { where: string; reason: string }[];
};

/** One transcript item and the place to name in an error about it. */
export type Item = { value: unknown; where: string };

export const importError = (where: string, message: string) =>
  new ApiError("validation_error", `${where}: ${message}`, { field: where });

export const ZImportReport = z.object({
  format: z.string(),
  messages: z.number(),
  tool_calls: z.number(),
  skipped: z.array(z.object({ where: z.string(), reason: z.string() })),
});
