import { z } from "zod";
import { INGEST_MAX_BODY_BYTES } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { importThread } from "@/lib/importers/import-source";
import { ZImportBody } from "@/lib/importers/import-transcript";
import { ZImportReport } from "@/lib/importers/types";
import { ZThread } from "@/lib/sources/schemas";

// POST /api/v1/chat/threads/import: import an agent log (any supported format, detected when omitted) as a chat thread
export const POST = withWorkspace(({ db, workspaceId, body }) => importThread(db, { workspaceId, body }), {
  body: ZImportBody,
  response: z.object({ thread: ZThread, report: ZImportReport }),
  status: 201,
  maxBodyBytes: INGEST_MAX_BODY_BYTES,
  rateLimit: "import",
});
