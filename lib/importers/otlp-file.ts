import { spansFromJson } from "./otlp-decode";
import { traceToRun } from "./otlp-to-run";
import { Skips } from "./skips";
import { importError, type Doc, type ImportResult } from "./types";

// An OTLP/JSON export saved to a file (a collector's file exporter writes one request per line).
// The first trace that holds tool calls is imported; other traces are reported as skipped.
export function importOtlpFile(doc: Doc): ImportResult {
  const values = doc.kind === "json" ? [doc.value] : doc.items.map((i) => i.value);
  const spans = values.flatMap((value) => spansFromJson(value));
  if (!spans.length) throw importError("transcript.resourceSpans", "holds no spans");
  const traces = [...new Set(spans.map((s) => s.traceId))].map((id) => ({ id, run: traceToRun(spans.filter((s) => s.traceId === id)) }));
  const chosen = traces.find((t) => t.run.messages.some((m) => m.tool_calls?.length)) ?? traces[0]!;
  const { complete, ...run } = chosen.run;
  const skips = new Skips();
  for (const t of traces) if (t !== chosen) skips.add(`trace ${t.id}`, "another trace; import it on its own or send it to the OTLP endpoint");
  if (!complete) skips.add(`trace ${chosen.id}`, "the root span is missing, so the run's own times are unknown");
  return { ...run, skipped: [...skips.list(), ...run.skipped] };
}
