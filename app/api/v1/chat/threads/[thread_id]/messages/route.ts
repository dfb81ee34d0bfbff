import { INGEST_MAX_BODY_BYTES } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { ZThreadParams } from "@/lib/api/params";
import { appendMessages } from "@/lib/sources/append-messages";
import { ZAppendMessages, ZThread } from "@/lib/sources/schemas";

// POST /api/v1/chat/threads/{thread_id}/messages
export const POST = withWorkspace(
  ({ db, workspaceId, params, body }) => appendMessages(db, { workspaceId, threadId: params.thread_id, messages: body.messages }),
  { summary: "Append messages (and tool results) to a chat thread", params: ZThreadParams, body: ZAppendMessages, response: ZThread, status: 201, maxBodyBytes: INGEST_MAX_BODY_BYTES },
);
