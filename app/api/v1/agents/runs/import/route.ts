import { z } from "zod";
import { INGEST_MAX_BODY_BYTES } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { importRun } from "@/lib/importers/import-source";
import { ZImportBody } from "@/lib/importers/import-transcript";
import { ZRun } from "@/lib/sources/schemas";
import { ZImportReport } from "@/lib/importers/types";

// POST /api/v1/agents/runs/import: import an agent log (any supported format, detected when omitted) as an agent run
export const POST = withWorkspace(({ db, workspaceId, body }) => importRun(db, { workspaceId, body }), {
  body: ZImportBody,
  response: z.object({ run: ZRun, report: ZImportReport }),
  status: 201,
  maxBodyBytes: INGEST_MAX_BODY_BYTES,
  rateLimit: "import",
});
