import { z } from "zod";
import { importAnthropicMessages } from "./anthropic-messages";
import { importOpenAiChat } from "./openai-chat";
import { readContainer } from "./read-container";
import type { ImportResult } from "./types";

export const ZImportFormat = z.enum(["openai-chat", "anthropic-messages"]);
export type TImportFormat = z.output<typeof ZImportFormat>;

const IMPORTERS: Record<TImportFormat, (items: ReturnType<typeof readContainer>["items"], system?: string) => ImportResult> = {
  "openai-chat": importOpenAiChat,
  "anthropic-messages": importAnthropicMessages,
};

/** Reads a vendor transcript into native messages. Throws a 422 naming the place that is wrong. */
export function importTranscript(format: TImportFormat, transcript: unknown): ImportResult {
  const { items, system } = readContainer(transcript);
  return IMPORTERS[format](items, system);
}

export const ZImportBody = z.object({
  format: ZImportFormat,
  transcript: z.unknown().refine((t) => t !== undefined && t !== null, "is required"),
  agent: z.string().min(1).max(200).optional(),
  title: z.string().max(500).optional(),
});
