import { z } from "zod";
import { INGEST_MAX_BODY_BYTES, readJsonText } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { importThread } from "@/lib/importers/import-source";
import { ZImportBody, ZImportQuery } from "@/lib/importers/import-transcript";
import { ZImportReport } from "@/lib/importers/types";
import { ZThread } from "@/lib/sources/schemas";

// POST /api/v1/chat/threads/import
export const POST = withWorkspace(
  async ({ req, db, workspaceId, query }) => importThread(db, { workspaceId, text: await readJsonText(req, INGEST_MAX_BODY_BYTES), duplicate: query.duplicate }),
  {
    summary: "Import an agent log (any supported format, detected when omitted) as a chat thread; a repeat is a 409 unless ?duplicate=allow",
    query: ZImportQuery,
    // Parsed on a worker thread (see importThread); documented here.
    body: ZImportBody,
    bodyParsedByRoute: true,
    response: z.object({ thread: ZThread, report: ZImportReport }),
    status: 201,
    maxBodyBytes: INGEST_MAX_BODY_BYTES,
    rateLimit: "import",
  },
);
