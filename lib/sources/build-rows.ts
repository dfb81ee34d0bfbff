import { ApiError } from "../errors";
import { isPlainObject, parseJsonWithin } from "../json";
import { newId } from "../ids";
import { MAX_SOURCE_MESSAGES, MAX_SOURCE_TOOL_CALLS, tooManyMessages, tooManyToolCalls } from "./limits";
import type { TMessageInput, TToolCallInput } from "./schemas";

// Turns native-format messages and calls into rows, checking what zod cannot: tool results that
// answer a call made earlier. Call ids may repeat within a source (OpenAI-format logs reuse
// them): a result answers the latest call of its id that has none yet.

type Owner = { runId: string; threadId?: undefined } | { threadId: string; runId?: undefined };

export type MessageRow = {
  id: string;
  runId: string | null;
  threadId: string | null;
  position: number;
  role: TMessageInput["role"];
  content: object | string;
  text: string;
  toolCallRef: string | null;
};

export type ToolCallRow = {
  id: string;
  runId: string | null;
  threadId: string | null;
  messageId: string | null;
  position: number;
  callId: string;
  toolName: string;
  arguments: object;
  result: unknown;
  status: "succeeded" | "failed" | "pending";
  error: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  approvalStatus: "requested" | "approved" | "rejected" | null;
  approvalRequestedAt: Date | null;
  approvalDecidedBy: string | null;
  approvalDecidedAt: Date | null;
  approvalComment: string | null;
};

/** A result that arrives in a later tool message for a call stored earlier. */
export type ResultUpdate = { id: string; result: unknown; status: "succeeded" | "failed"; error: string | null };

export type ExistingCall = { id: string; status: string };

/** A source's stored calls by call id, each list in the order the calls were made. */
export type ExistingCalls = Map<string, ExistingCall[]>;

export function buildSourceRows(input: {
  owner: Owner;
  messages: TMessageInput[];
  toolCalls?: TToolCallInput[];
  messageStart?: number;
  callStart?: number;
  existingCalls?: ExistingCalls;
}) {
  const { owner, messages, toolCalls = [], messageStart = 0, callStart = 0, existingCalls = new Map() as ExistingCalls } = input;
  // Counted before any row is built: a source over the limits is refused at once.
  if (messageStart + messages.length > MAX_SOURCE_MESSAGES) throw tooManyMessages("body.messages");
  let inMessages = 0;
  for (const m of messages) inMessages += m.tool_calls?.length ?? 0;
  if (callStart + inMessages + toolCalls.length > MAX_SOURCE_TOOL_CALLS)
    throw tooManyToolCalls(inMessages === 0 ? "body.tool_calls" : "body.messages", callStart ? "this source with the new messages" : "this source");
  const runId = owner.runId ?? null;
  const threadId = owner.threadId ?? null;
  const messageRows: MessageRow[] = [];
  const callRows: ToolCallRow[] = [];
  const updates: ResultUpdate[] = [];
  // Every call of the source by call id, stored ones first, in the order they were made: a
  // stored call's status is updated here once a new message answers it.
  const calls = new Map<string, ({ fresh: ToolCallRow } | { stored: ExistingCall })[]>();
  for (const [callId, stored] of existingCalls) calls.set(callId, stored.map((c) => ({ stored: { ...c } })));
  let repeatedCallIds = 0;

  const addCall = (call: TToolCallInput, messageId: string | null) => {
    const row = toolCallRow(call, { runId, threadId, messageId, position: callStart + callRows.length });
    const same = calls.get(call.id);
    if (same) {
      repeatedCallIds++;
      same.push({ fresh: row });
    } else calls.set(call.id, [{ fresh: row }]);
    callRows.push(row);
  };

  messages.forEach((m, i) => {
    const field = `messages[${i}]`;
    const id = newId("msg");
    messageRows.push({
      id,
      runId,
      threadId,
      position: messageStart + i,
      role: m.role,
      content: m.content as object | string,
      text: contentText(m.content),
      toolCallRef: m.tool_call_id ?? null,
    });
    m.tool_calls?.forEach((c) => addCall(c, id));
    if (m.role === "tool" && m.tool_call_id) {
      const same = calls.get(m.tool_call_id);
      if (!same)
        throw new ApiError("validation_error", `${field}.tool_call_id: no tool call "${m.tool_call_id}" was made before this message`, {
          field: `${field}.tool_call_id`,
        });
      const answered = same.findLast((c) => ("fresh" in c ? c.fresh.status : c.stored.status) === "pending");
      if (!answered)
        throw new ApiError(
          "validation_error",
          `${field}.tool_call_id: every tool call "${m.tool_call_id}" made before this message has its result already`,
          { field: `${field}.tool_call_id` },
        );
      const result = toolMessageResult(m.content);
      const status = m.is_error ? "failed" : "succeeded";
      const error = m.is_error ? contentText(m.content).slice(0, 10_000) || "Tool reported an error" : null;
      if ("fresh" in answered) Object.assign(answered.fresh, { result, status, error });
      else {
        answered.stored.status = status;
        updates.push({ id: answered.stored.id, result, status, error });
      }
    }
  });
  toolCalls.forEach((c) => addCall(c, null));
  return { messageRows, callRows, updates, repeatedCallIds };
}

function toolCallRow(
  call: TToolCallInput,
  at: { runId: string | null; threadId: string | null; messageId: string | null; position: number },
): ToolCallRow {
  const status = call.status ?? (call.result !== undefined ? "succeeded" : call.error ? "failed" : "pending");
  return {
    id: newId("tc"),
    ...at,
    callId: call.id,
    toolName: call.tool,
    arguments: call.arguments,
    result: call.result,
    status,
    error: call.error ?? null,
    startedAt: date(call.started_at),
    endedAt: date(call.ended_at),
    approvalStatus: call.approval?.status ?? null,
    approvalRequestedAt: date(call.approval?.requested_at),
    approvalDecidedBy: call.approval?.decided_by ?? null,
    approvalDecidedAt: date(call.approval?.decided_at),
    approvalComment: call.approval?.comment ?? null,
  };
}

const date = (s: string | undefined) => (s ? new Date(s) : null);

/** Plain text of a message's content: the string, or the text of its blocks. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const parts: string[] = [];
  for (const block of content) {
    if (typeof block === "string") parts.push(block);
    else if (isPlainObject(block)) {
      if (typeof block.text === "string") parts.push(block.text);
      else if (block.type === "tool_result" || block.type === "tool-result") parts.push(contentText(block.content));
    }
  }
  return parts.join("\n");
}

/**
 * A tool message's content as a result: JSON when the text is JSON, else the text. JSON nested too
 * deep to walk safely stays text.
 */
export function toolMessageResult(content: unknown): unknown {
  const text = typeof content === "string" ? content : contentText(content);
  const trimmed = text.trim();
  if (/^[[{"]/.test(trimmed) || /^(-?\d|true$|false$|null$)/.test(trimmed)) {
    const value = parseJsonWithin(trimmed);
    if (value !== undefined) return value;
  }
  return text;
}
