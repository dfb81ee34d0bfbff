import { withWorkspace } from "@/lib/api/handler";
import { ZThreadParams } from "@/lib/api/params";
import { getThreadOrThrow } from "@/lib/sources/get-thread";
import { ZThread } from "@/lib/sources/schemas";

// GET /api/v1/chat/threads/{thread_id}
export const GET = withWorkspace(({ db, workspaceId, params }) => getThreadOrThrow(db, { workspaceId, threadId: params.thread_id }), {
  summary: "A chat thread with its messages and tool calls",
  params: ZThreadParams,
  response: ZThread,
});
