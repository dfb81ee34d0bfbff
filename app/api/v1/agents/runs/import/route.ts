import { z } from "zod";
import { INGEST_MAX_BODY_BYTES, readJsonText } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { importRun } from "@/lib/importers/import-source";
import { ZImportBody, ZImportQuery } from "@/lib/importers/import-transcript";
import { ZRun } from "@/lib/sources/schemas";
import { ZImportReport } from "@/lib/importers/types";

// POST /api/v1/agents/runs/import
export const POST = withWorkspace(
  async ({ req, db, workspaceId, query }) => importRun(db, { workspaceId, text: await readJsonText(req, INGEST_MAX_BODY_BYTES), duplicate: query.duplicate }),
  {
    summary: "Import an agent log (any supported format, detected when omitted) as an agent run; a repeat is a 409 unless ?duplicate=allow",
    query: ZImportQuery,
    // Parsed on a worker thread (see importRun); documented here.
    body: ZImportBody,
    bodyParsedByRoute: true,
    response: z.object({ run: ZRun, report: ZImportReport }),
    status: 201,
    maxBodyBytes: INGEST_MAX_BODY_BYTES,
    rateLimit: "import",
  },
);
