import type { Transcript, TranscriptEvent } from "./types";
import type { ToolCall } from "../generated/prisma/client";

// Rows as stored, or as built for storing (build-rows.ts): the scoring script crystallizes a file
// without a database through the same path.
type MessageFields = { id: string; role: "system" | "user" | "assistant" | "tool"; text: string };
type CallFields = Pick<ToolCall, "id" | "callId" | "toolName" | "status" | "error" | "messageId" | "approvalStatus" | "approvalDecidedBy" | "approvalDecidedAt"> & {
  startedAt?: Date | null;
  arguments: unknown;
  result: unknown;
};

/** A run's or thread's rows as the crystallizer's timeline: each message, then the calls it made. Pure. */
export function toTranscript(source: Pick<Transcript, "source" | "label" | "input" | "startedAt">, messages: MessageFields[], calls: CallFields[]): Transcript {
  const byMessage = new Map<string, CallFields[]>();
  const loose: CallFields[] = [];
  for (const c of calls) {
    if (!c.messageId) loose.push(c);
    else {
      const list = byMessage.get(c.messageId);
      if (list) list.push(c);
      else byMessage.set(c.messageId, [c]);
    }
  }
  const events: TranscriptEvent[] = [];
  for (const m of messages) {
    events.push({ kind: "message", id: m.id, role: m.role, text: m.text });
    for (const c of byMessage.get(m.id) ?? []) events.push(toEvent(c));
  }
  for (const c of loose) events.push(toEvent(c));
  return { ...source, events };
}

/** A source as loadTranscriptRows reads it: its messages and calls as JSON text of one array per row. */
export type TranscriptRows = {
  head: Pick<Transcript, "source" | "label" | "input" | "startedAt">;
  /** `[[id, role, text], …]` in order. */
  messages: string;
  /** `[[id, callId, toolName, status, error, messageId, approvalStatus, approvalDecidedBy, approvalDecidedAt, startedAt, arguments, result], …]` in order. */
  calls: string;
};

type CallRow = [string, string, string, ToolCall["status"], string | null, string | null, ToolCall["approvalStatus"], string | null, string | null, string | null, unknown, unknown];

/** The timeline of rows loaded as text (on a worker thread: parsing 10,000 calls is the heavy part). Pure. */
export function readTranscriptRows({ head, messages, calls }: TranscriptRows): Transcript {
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  return toTranscript(
    head,
    (JSON.parse(messages) as [string, MessageFields["role"], string][]).map(([id, role, text]) => ({ id, role, text })),
    (JSON.parse(calls) as CallRow[]).map(([id, callId, toolName, status, error, messageId, approvalStatus, approvalDecidedBy, approvalDecidedAt, startedAt, args, result]) => ({
      id,
      callId,
      toolName,
      status,
      error,
      messageId,
      approvalStatus,
      approvalDecidedBy,
      approvalDecidedAt: date(approvalDecidedAt),
      startedAt: date(startedAt),
      arguments: args,
      result,
    })),
  );
}

function toEvent(c: CallFields): TranscriptEvent {
  return {
    kind: "tool_call",
    id: c.id,
    callId: c.callId,
    toolName: c.toolName,
    arguments: (c.arguments ?? {}) as Record<string, unknown>,
    result: c.result ?? null,
    status: c.status,
    error: c.error,
    messageId: c.messageId,
    startedAt: c.startedAt?.toISOString() ?? null,
    approval: c.approvalStatus
      ? { status: c.approvalStatus, decidedBy: c.approvalDecidedBy, decidedAt: c.approvalDecidedAt?.toISOString() ?? null }
      : null,
  };
}
