import type { AgentRun, ChatThread, Message, ToolCall } from "../generated/prisma/client";

// Rows → API shapes (snake_case, ISO dates).

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Rows as read, or as built for writing (lib/sources/build-rows.ts): an import presents what it wrote.
type CallFields = Omit<ToolCall, "result" | "arguments"> & { arguments: unknown; result: unknown };
type MessageFields = Omit<Message, "createdAt" | "content"> & { content: unknown };

export function presentToolCall(c: CallFields) {
  return {
    id: c.id,
    call_id: c.callId,
    tool: c.toolName,
    position: c.position,
    message_id: c.messageId,
    arguments: c.arguments,
    result: c.result ?? null,
    status: c.status,
    error: c.error,
    started_at: iso(c.startedAt),
    ended_at: iso(c.endedAt),
    approval: c.approvalStatus
      ? {
          status: c.approvalStatus,
          requested_at: iso(c.approvalRequestedAt),
          decided_by: c.approvalDecidedBy,
          decided_at: iso(c.approvalDecidedAt),
          comment: c.approvalComment,
        }
      : null,
  };
}

export function presentMessage(m: MessageFields) {
  return { id: m.id, position: m.position, role: m.role, content: m.content, text: m.text, tool_call_id: m.toolCallRef };
}

export function presentRunSummary(r: AgentRun) {
  return {
    id: r.id,
    agent: r.agentName,
    title: r.title ?? r.agentName,
    status: r.status,
    origin: r.origin,
    tool_call_count: r.toolCallCount,
    started_at: iso(r.startedAt),
    ended_at: iso(r.endedAt),
    created_at: r.createdAt.toISOString(),
  };
}

export function presentThreadSummary(t: ChatThread) {
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    origin: t.origin,
    message_count: t.messageCount,
    tool_call_count: t.toolCallCount,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}
