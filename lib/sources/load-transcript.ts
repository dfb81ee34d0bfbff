import { ApiError } from "../api/errors";
import type { Transcript, TranscriptEvent } from "../crystallize/types";
import type { DbClient } from "../db";
import type { Message, ToolCall } from "../generated/prisma/client";
import { findRunOrThrow, findThreadOrThrow } from "./find-source";

export type SourceRef = { type: "agent_run"; id: string } | { type: "chat_thread"; id: string };

/**
 * Loads a run or thread as the crystallizer's timeline: each message, then the calls it made.
 * Refuses sources that are not finished (409) and unknown ids (404).
 */
export async function loadTranscript(db: DbClient, { workspaceId, source }: { workspaceId: string; source: SourceRef }): Promise<Transcript> {
  if (source.type === "agent_run") {
    const run = await findRunOrThrow(db, { workspaceId, runId: source.id });
    if (run.status === "running") throw new ApiError("conflict", `Agent run ${source.id} is still running; crystallize it once it has finished`);
    return { source, label: run.agentName, input: run.input ?? undefined, events: timeline(run.messages, run.toolCalls) };
  }
  const thread = await findThreadOrThrow(db, { workspaceId, threadId: source.id });
  if (thread.status === "active")
    throw new ApiError("conflict", `Chat thread ${source.id} has a tool call still running; crystallize it once it has finished`);
  return { source, label: thread.title, events: timeline(thread.messages, thread.toolCalls) };
}

function timeline(messages: Message[], calls: ToolCall[]): TranscriptEvent[] {
  const byMessage = new Map<string, ToolCall[]>();
  const loose: ToolCall[] = [];
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
  return events;
}

function toEvent(c: ToolCall): TranscriptEvent {
  return {
    kind: "tool_call",
    id: c.id,
    callId: c.callId,
    toolName: c.toolName,
    arguments: (c.arguments ?? {}) as Record<string, unknown>,
    result: c.result,
    status: c.status,
    error: c.error,
    messageId: c.messageId,
    approval: c.approvalStatus
      ? { status: c.approvalStatus, decidedBy: c.approvalDecidedBy, decidedAt: c.approvalDecidedAt?.toISOString() ?? null }
      : null,
  };
}
