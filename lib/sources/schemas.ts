import { z } from "zod";

// The native JSON format for agent runs and chat threads (documented in docs/api.md).

const ZTimestamp = z.iso.datetime({ offset: true });
const ZId = z.string().min(1).max(200);

export const ZApprovalInput = z.object({
  status: z.enum(["requested", "approved", "rejected"]),
  requested_at: ZTimestamp.optional(),
  decided_by: z.string().max(200).optional(),
  decided_at: ZTimestamp.optional(),
  comment: z.string().max(2000).optional(),
});

export const ZToolCallInput = z.object({
  /** The framework's call id. May repeat within a run or thread: a tool message answers the latest pending call of its id. */
  id: ZId,
  tool: z.string().min(1).max(200),
  arguments: z.record(z.string(), z.unknown()).default({}),
  result: z.unknown().optional(),
  /** Defaults to succeeded when a result is given, pending otherwise. */
  status: z.enum(["succeeded", "failed", "pending"]).optional(),
  error: z.string().max(10_000).optional(),
  started_at: ZTimestamp.optional(),
  ended_at: ZTimestamp.optional(),
  approval: ZApprovalInput.optional(),
});

export const ZMessageInput = z
  .object({
    role: z.enum(["system", "user", "assistant", "tool"]),
    /** A string, or a list of content blocks as the vendor sent them. */
    content: z.union([z.string(), z.array(z.unknown())]).default(""),
    /** Assistant messages: the calls this message made. */
    tool_calls: z.array(ZToolCallInput).optional(),
    /** Tool messages: the call whose result this is. */
    tool_call_id: ZId.optional(),
    /** Tool messages: the result is an error. */
    is_error: z.boolean().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.tool_calls?.length && m.role !== "assistant")
      ctx.addIssue({ code: "custom", path: ["tool_calls"], message: "only assistant messages make tool calls" });
    if (m.role === "tool" && !m.tool_call_id)
      ctx.addIssue({ code: "custom", path: ["tool_call_id"], message: "a tool message names the call it answers" });
  });

export const ZCreateRun = z.object({
  agent: z.string().min(1).max(200),
  status: z.enum(["running", "succeeded", "failed", "canceled"]).default("succeeded"),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  started_at: ZTimestamp.optional(),
  ended_at: ZTimestamp.optional(),
  messages: z.array(ZMessageInput).max(200_000).default([]),
  /** Calls recorded without a conversation (many agent frameworks log only these). */
  tool_calls: z.array(ZToolCallInput).max(200_000).default([]),
});

export const ZCreateThread = z.object({
  title: z.string().max(500).optional(),
  messages: z.array(ZMessageInput).max(200_000).default([]),
});

export const ZAppendMessages = z.object({ messages: z.array(ZMessageInput).min(1).max(200_000) });

export type TToolCallInput = z.output<typeof ZToolCallInput>;
export type TMessageInput = z.output<typeof ZMessageInput>;
export type TCreateRun = z.output<typeof ZCreateRun>;
export type TCreateThread = z.output<typeof ZCreateThread>;

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

export const ZToolCallOut = z.object({
  id: z.string(),
  call_id: z.string(),
  tool: z.string(),
  position: z.number(),
  message_id: z.string().nullable(),
  arguments: z.unknown(),
  result: z.unknown(),
  status: z.enum(["succeeded", "failed", "pending"]),
  error: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  approval: z
    .object({
      status: z.enum(["requested", "approved", "rejected"]),
      requested_at: z.string().nullable(),
      decided_by: z.string().nullable(),
      decided_at: z.string().nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
}).meta({ id: "ToolCall" });

export const ZMessageOut = z.object({
  id: z.string(),
  position: z.number(),
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.unknown(),
  text: z.string(),
  tool_call_id: z.string().nullable(),
}).meta({ id: "Message" });

export const ZRunSummary = z.object({
  id: z.string(),
  agent: z.string(),
  /** What the run is called: after the user's request for an import, else the agent's name. */
  title: z.string(),
  status: z.enum(["running", "succeeded", "failed", "canceled"]),
  origin: z.string(),
  tool_call_count: z.number(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  created_at: z.string(),
}).meta({ id: "AgentRunSummary" });

export const ZRun = ZRunSummary.extend({
  input: z.unknown(),
  output: z.unknown(),
  messages: z.array(ZMessageOut),
  tool_calls: z.array(ZToolCallOut),
}).meta({ id: "AgentRun" });

export const ZThreadSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["idle", "active"]),
  origin: z.string(),
  message_count: z.number(),
  tool_call_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: "ChatThreadSummary" });

export const ZThread = ZThreadSummary.extend({ messages: z.array(ZMessageOut), tool_calls: z.array(ZToolCallOut) }).meta({ id: "ChatThread" });

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
});

export const ZRunListQuery = ZListQuery.extend({
  status: z.enum(["running", "succeeded", "failed", "canceled"]).optional(),
  agent: z.string().max(200).optional(),
});
export const ZThreadListQuery = ZListQuery.extend({ status: z.enum(["idle", "active"]).optional() });


export const ZSourceListQuery = ZListQuery.extend({
  kind: z.enum(["agent_run", "chat_thread"]).optional(),
  status: z.enum(["running", "succeeded", "failed", "canceled", "idle", "active"]).optional(),
});

export const ZSourceSummary = z.object({
  kind: z.enum(["agent_run", "chat_thread"]),
  id: z.string(),
  title: z.string(),
  agent: z.string().nullable(),
  status: z.string(),
  tool_call_count: z.number(),
  created_at: z.string(),
}).meta({ id: "SourceSummary" });

export type ToolCall = z.output<typeof ZToolCallOut>;
export type Message = z.output<typeof ZMessageOut>;
export type AgentRunSummary = z.output<typeof ZRunSummary>;
export type AgentRun = z.output<typeof ZRun>;
export type ChatThreadSummary = z.output<typeof ZThreadSummary>;
export type ChatThread = z.output<typeof ZThread>;
export type SourceSummary = z.output<typeof ZSourceSummary>;
