import { z } from "zod";
import { importAnthropicMessages } from "./anthropic-messages";
import { detectFormat } from "./detect";
import { importJsonlSession } from "./jsonl-session";
import { importLangSmith } from "./langsmith";
import { importMcpLog } from "./mcp-log";
import { importOpenAiAgents } from "./openai-agents";
import { importOpenAiChat } from "./openai-chat";
import { importOpenAiResponses } from "./openai-responses";
import { importOtlpFile } from "./otlp-file";
import { messageItems, readDocument } from "./read-container";
import { MAX_SOURCE_MESSAGES, tooManyMessages } from "../sources/limits";
import { importError, type Doc, type ImportResult } from "./types";
import { importVercelAi } from "./vercel-ai";

export const IMPORT_FORMATS = [
  "openai-chat",
  "anthropic-messages",
  "openai-responses",
  "vercel-ai",
  "langsmith",
  "openai-agents",
  "jsonl-session",
  "mcp",
  "otlp",
] as const;
export const ZImportFormat = z.enum(IMPORT_FORMATS);
export type TImportFormat = z.output<typeof ZImportFormat>;

const IMPORTERS: Record<TImportFormat, (doc: Doc) => ImportResult> = {
  "openai-chat": (doc) => {
    const { items, system } = messageItems(doc);
    return importOpenAiChat(items, system);
  },
  "anthropic-messages": (doc) => {
    const { items, system } = messageItems(doc);
    return importAnthropicMessages(items, system);
  },
  "openai-responses": importOpenAiResponses,
  "vercel-ai": importVercelAi,
  langsmith: importLangSmith,
  "openai-agents": importOpenAiAgents,
  "jsonl-session": importJsonlSession,
  mcp: importMcpLog,
  otlp: importOtlpFile,
};

/**
 * Reads a vendor file into native messages: in the given format, or the one its shape shows.
 * Throws a 422 naming the line or field that is wrong.
 */
export function importTranscript(format: TImportFormat | undefined, transcript: unknown) {
  return importDocument(format, readDocument(transcript));
}

/** As importTranscript, for a file parsed already (readDocument). */
export function importDocument(format: TImportFormat | undefined, doc: Doc): ImportResult & { format: TImportFormat; detected: boolean } {
  const chosen = format ?? detectFormat(doc);
  if (!chosen)
    throw importError("format", `could not recognise the file; send "format" as one of ${IMPORT_FORMATS.join(", ")}`);
  const read = IMPORTERS[chosen](doc);
  if (read.messages.length > MAX_SOURCE_MESSAGES) throw tooManyMessages("body.transcript");
  return { ...read, format: chosen, detected: !format };
}

export const ZImportBody = z.object({
  /** Omit to detect the format from the content. */
  format: ZImportFormat.optional(),
  /** The file: parsed JSON, or its text (JSON or JSON lines). */
  transcript: z.unknown().refine((t) => t !== undefined && t !== null, "is required"),
  agent: z.string().min(1).max(200).optional(),
  title: z.string().max(500).optional(),
});

export const ZImportQuery = z.object({
  /** A file imported already into the workspace is refused (409) unless this is "allow". */
  duplicate: z.enum(["refuse", "allow"]).default("refuse"),
});
