import { INGEST_MAX_BODY_BYTES, readBodyBytes } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { decodeTraces, encodingOf } from "@/lib/importers/otlp-decode";
import { ingestSpans } from "@/lib/otlp/ingest";
import { ZTraceExportResult } from "@/lib/otlp/responses";

// POST /api/v1/otlp/v1/traces
export const POST = withWorkspace(
  async ({ req, db, workspaceId }) => {
    const encoding = encodingOf(req.headers.get("content-type"));
    const body = await readBodyBytes(req, INGEST_MAX_BODY_BYTES);
    const spans = decodeTraces(body, encoding, req.headers.get("content-encoding"), INGEST_MAX_BODY_BYTES);
    const runs = await ingestSpans(db, { workspaceId, spans });
    // An empty ExportTraceServiceResponse means full success; JSON callers also get the runs.
    if (encoding === "protobuf") return new Response(new Uint8Array(0), { status: 200, headers: { "content-type": "application/x-protobuf" } });
    return { runs };
  },
  {
    summary: "OTLP/HTTP trace export (JSON or protobuf, optionally gzip); GenAI spans become agent runs, one per trace",
    response: ZTraceExportResult,
    rateLimit: "otlp",
  },
);
