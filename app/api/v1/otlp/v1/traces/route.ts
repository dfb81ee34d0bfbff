import { INGEST_MAX_BODY_BYTES, readBodyBytes } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { decodeTraces, encodingOf } from "@/lib/importers/otlp-decode";
import { ingestSpans } from "@/lib/otlp/ingest";

// POST /api/v1/otlp/v1/traces: OTLP/HTTP trace export (JSON or protobuf, optionally gzip).
// GenAI spans become agent runs, one per trace.
export const POST = withWorkspace(async ({ req, db, workspaceId }) => {
  const encoding = encodingOf(req.headers.get("content-type"));
  const body = await readBodyBytes(req, INGEST_MAX_BODY_BYTES);
  const spans = decodeTraces(body, encoding, req.headers.get("content-encoding"), INGEST_MAX_BODY_BYTES);
  const runs = await ingestSpans(db, { workspaceId, spans });
  // An empty ExportTraceServiceResponse means full success; JSON callers also get the runs.
  if (encoding === "protobuf") return new Response(new Uint8Array(0), { status: 200, headers: { "content-type": "application/x-protobuf" } });
  return Response.json({ runs });
}, { rateLimit: "otlp" });
