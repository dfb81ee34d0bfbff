import { INGEST_MAX_BODY_BYTES } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { createThread } from "@/lib/sources/create-thread";
import { listThreads } from "@/lib/sources/list-sources";
import { page } from "@/lib/pagination";
import { ZCreateThread, ZThread, ZThreadListQuery, ZThreadSummary } from "@/lib/sources/schemas";

// GET /api/v1/chat/threads
export const GET = withWorkspace(({ db, workspaceId, query }) => listThreads(db, { workspaceId, ...query }), {
  summary: "List chat threads, newest first",
  query: ZThreadListQuery,
  response: page(ZThreadSummary),
});

// POST /api/v1/chat/threads
export const POST = withWorkspace(({ db, workspaceId, body }) => createThread(db, { workspaceId, thread: body }), {
  summary: "Record a chat thread with its messages",
  body: ZCreateThread,
  response: ZThread,
  status: 201,
  maxBodyBytes: INGEST_MAX_BODY_BYTES,
});
