import { jsonDepth, MAX_JSON_DEPTH } from "../json";
import { ApiError } from "../errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Transcripts and runs can be large: 10,000 tool calls with results fit comfortably. */
export const INGEST_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads the body as text, refusing more than `limit` bytes without buffering the excess. */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  return (await readBodyBytes(req, limit)).toString("utf8");
}

/** Reads the raw body, refusing more than `limit` bytes without buffering the excess. */
export async function readBodyBytes(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(limit: number) {
  return new ApiError("payload_too_large", `Request body is larger than ${Math.round(limit / 1024)} KiB`);
}

/** The body as JSON text, refusing other content types and more than `limit` bytes. */
export async function readJsonText(req: Request, limit: number): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readBodyText(req, limit);
  if (text.trim() !== "" && !/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json (got "${type || "none"}")`);
  return text;
}

/** Parses JSON, with a 400 that says where it broke, and a depth cap so no later walk can overflow. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError("bad_request", `Malformed JSON body: ${err instanceof Error ? err.message : "cannot parse"}`);
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH) throw new ApiError("bad_request", `JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  assertNoNul(value, "body");
  return value;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a value carrying one would fail deep inside a
 * write; it is refused up front, naming where it is.
 */
export function assertNoNul(value: unknown, where: string) {
  const stack: [unknown, string][] = [[value, where]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) throw new ApiError("bad_request", `${path}: contains a NUL character (\\u0000), which cannot be stored`, { field: path });
    } else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const childPath = Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`;
        if (k.includes("\u0000")) throw new ApiError("bad_request", `${path}: a key contains a NUL character (\\u0000)`, { field: path });
        stack.push([child, childPath]);
      }
    }
  }
}
