import { gunzipSync } from "node:zlib";
import protobuf from "protobufjs";
import { ApiError } from "../errors";
import { parseJsonBody } from "../api/body";
import { isPlainObject } from "../json";

// OTLP/HTTP trace export requests, in either encoding, read into one span shape. The protobuf
// schema is the subset of opentelemetry/proto/collector/trace/v1 that carries spans; protobufjs
// skips the fields it leaves out.

const PROTO = `
syntax = "proto3";
package otlp;
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; int32 kind = 6;
  fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
  repeated Event events = 11; Status status = 15;
}
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

let requestType: protobuf.Type | null = null;
const RequestType = () => (requestType ??= protobuf.parse(PROTO).root.lookupType("otlp.ExportTraceServiceRequest"));

export type Span = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** Nanoseconds since the epoch, as decimal text (beyond a double's precision). */
  startNs: string;
  endNs: string;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
  /** Attributes of the resource that produced the span (service.name, …). */
  resource: Record<string, unknown>;
  /** Position in the order spans of the trace were received; set when stored. */
  arrival?: number;
};

export type Encoding = "json" | "protobuf";

export function encodingOf(contentType: string | null): Encoding {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  throw new ApiError("unsupported_media_type", `Content-Type must be application/json or application/x-protobuf (got "${type || "none"}")`);
}

/** Decodes an export request body into spans. Malformed bodies are 400s that say what broke. */
export function decodeTraces(body: Buffer, encoding: Encoding, contentEncoding: string | null, maxBytes: number): Span[] {
  const raw = inflate(body, contentEncoding, maxBytes);
  if (encoding === "json") return readRequest(parseJsonBody(raw.toString("utf8")), hexId);
  let message: Record<string, unknown>;
  try {
    const type = RequestType();
    message = type.toObject(type.decode(raw), { longs: String, bytes: String, defaults: false }) as Record<string, unknown>;
  } catch (err) {
    throw new ApiError("bad_request", `Malformed protobuf body: ${(err as Error).message}`);
  }
  return readRequest(message, base64Id);
}

function inflate(body: Buffer, contentEncoding: string | null, maxBytes: number): Buffer {
  const enc = (contentEncoding ?? "identity").trim().toLowerCase();
  if (enc === "identity" || enc === "") return body;
  if (enc !== "gzip") throw new ApiError("unsupported_media_type", `Content-Encoding must be gzip or identity (got "${enc}")`);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ApiError("payload_too_large", "Decompressed body is too large");
    throw new ApiError("bad_request", `Body is not valid gzip: ${(err as Error).message}`);
  }
}

const hexId = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : "");
const base64Id = (v: unknown) => (typeof v === "string" ? Buffer.from(v, "base64").toString("hex") : "");

/** Spans of an OTLP/JSON document that is already parsed (an uploaded export file). */
export const spansFromJson = (value: unknown) => readRequest(value, hexId);

function readRequest(body: unknown, id: (v: unknown) => string): Span[] {
  if (!isPlainObject(body)) throw new ApiError("validation_error", "body: expected an ExportTraceServiceRequest object", { field: "body" });
  const resourceSpans = body.resourceSpans ?? body.resource_spans ?? [];
  if (!Array.isArray(resourceSpans)) throw new ApiError("validation_error", "body.resourceSpans: expected an array", { field: "body.resourceSpans" });
  const spans: Span[] = [];
  resourceSpans.forEach((rs, i) => {
    if (!isPlainObject(rs)) return;
    const resource = attributes(isPlainObject(rs.resource) ? rs.resource.attributes : undefined);
    const scopes = rs.scopeSpans ?? rs.scope_spans ?? [];
    if (!Array.isArray(scopes)) return;
    scopes.forEach((ss, j) => {
      const list = isPlainObject(ss) ? ss.spans : undefined;
      if (!Array.isArray(list)) return;
      list.forEach((s, k) => {
        const where = `body.resourceSpans[${i}].scopeSpans[${j}].spans[${k}]`;
        if (!isPlainObject(s)) throw new ApiError("validation_error", `${where}: expected a span object`, { field: where });
        const traceId = id(s.traceId ?? s.trace_id);
        const spanId = id(s.spanId ?? s.span_id);
        if (!/^[0-9a-f]{32}$/.test(traceId)) throw new ApiError("validation_error", `${where}.traceId: expected 16 bytes (32 hex digits)`, { field: `${where}.traceId` });
        if (!/^[0-9a-f]{16}$/.test(spanId)) throw new ApiError("validation_error", `${where}.spanId: expected 8 bytes (16 hex digits)`, { field: `${where}.spanId` });
        const parent = id(s.parentSpanId ?? s.parent_span_id);
        const status = isPlainObject(s.status) ? s.status : {};
        spans.push({
          traceId,
          spanId,
          parentSpanId: parent && !/^0+$/.test(parent) ? parent : null,
          name: typeof s.name === "string" ? s.name : "",
          startNs: nanos(s.startTimeUnixNano ?? s.start_time_unix_nano),
          endNs: nanos(s.endTimeUnixNano ?? s.end_time_unix_nano),
          attributes: attributes(s.attributes),
          status: { code: statusCode(status.code), ...(typeof status.message === "string" && status.message ? { message: status.message } : {}) },
          events: Array.isArray(s.events)
            ? s.events.filter(isPlainObject).map((e) => ({ name: String(e.name ?? ""), attributes: attributes(e.attributes) }))
            : [],
          resource,
        });
      });
    });
  });
  return spans;
}

const nanos = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? v : typeof v === "number" && Number.isFinite(v) ? BigInt(Math.trunc(v)).toString() : "0");
const statusCode = (v: unknown) => (v === 2 || v === "STATUS_CODE_ERROR" ? 2 : v === 1 || v === "STATUS_CODE_OK" ? 1 : 0);

function attributes(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) if (isPlainObject(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value);
  return out;
}

function anyValue(v: unknown): unknown {
  if (!isPlainObject(v)) return null;
  const s = (camel: string, snake: string) => (camel in v ? v[camel] : v[snake]);
  if ("stringValue" in v || "string_value" in v) return s("stringValue", "string_value");
  if ("boolValue" in v || "bool_value" in v) return s("boolValue", "bool_value");
  if ("intValue" in v || "int_value" in v) return Number(s("intValue", "int_value"));
  if ("doubleValue" in v || "double_value" in v) return Number(s("doubleValue", "double_value"));
  const array = s("arrayValue", "array_value");
  if (isPlainObject(array)) return Array.isArray(array.values) ? array.values.map(anyValue) : [];
  const kvlist = s("kvlistValue", "kvlist_value");
  if (isPlainObject(kvlist)) return attributes(kvlist.values);
  const bytes = s("bytesValue", "bytes_value");
  return typeof bytes === "string" ? bytes : null;
}
