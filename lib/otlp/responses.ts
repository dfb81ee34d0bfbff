import { z } from "zod";

// What a JSON OTLP export is answered with (protobuf callers get an empty ExportTraceServiceResponse).

export const ZIngestedRun = z
  .object({
    id: z.string(),
    trace_id: z.string(),
    status: z.enum(["running", "succeeded", "failed"]),
    tool_calls: z.number().int(),
  })
  .meta({ id: "IngestedRun" });
export type IngestedRun = z.output<typeof ZIngestedRun>;

export const ZTraceExportResult = z.object({
  /** The agent runs the export created or added to, one per trace. */
  runs: z.array(ZIngestedRun),
});
export type TraceExportResult = z.output<typeof ZTraceExportResult>;
