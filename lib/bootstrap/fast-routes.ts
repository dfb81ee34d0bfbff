import type { IncomingMessage, ServerResponse } from "node:http";
import { deliverWebhook } from "../triggers/webhook-route";
import { errorResponse } from "../api/errors";
import { API_HEADERS } from "../http/api-headers.mjs";

// Webhook deliveries are the one route whose cost is the product's headline: a run's own work is
// a few milliseconds, and Next's router, proxy and rendering pipeline around a route handler
// cost several times that per request. So the server (scripts/serve.mjs) offers each request
// here first, and a delivery goes straight to the same route handler Next would call, with the
// same validation, errors and headers. Everything else, and any other method, goes to Next.
// Registered on globalThis by the engine's copy of this module: Next loads instrumentation and
// the route bundles as separate module copies, and the server script is outside both.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type FastRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

const HOOK = /^\/api\/v1\/hooks\/([^/?#]+)(?:\?|$)/;
const FIXED_HEADERS = API_HEADERS.map(({ key, value }) => [key, value] as const);

export function registerFastRoutes() {
  (globalThis as { __czFastRoutes?: FastRoutes }).__czFastRoutes = serveFast;
}

/** True when this request is answered here; false leaves it, untouched, to Next. */
function serveFast(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST") return false;
  const match = HOOK.exec(req.url ?? "");
  const triggerId = match ? decodeSegment(match[1]!) : null;
  if (triggerId === null) return false;
  answer(req, res, deliverWebhook, { trigger_id: triggerId }).catch((err: unknown) => {
    // Only writing the answer can fail here (the client went away): nothing is left to tell it.
    console.error("webhook listener:", err);
    res.destroy();
  });
  return true;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // Next answers a malformed path itself.
  }
}

async function answer(req: IncomingMessage, res: ServerResponse, route: Route, params: Record<string, string>) {
  // The route maps its own errors to the one JSON shape; this catches the adapter's, the same way.
  const response = await Promise.resolve()
    .then(() => route(toRequest(req), { params: Promise.resolve(params) }))
    .catch(errorResponse);
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers, ...FIXED_HEADERS, ["Content-Length", String(body.length)]];
  res.writeHead(response.status, headers.flat());
  res.end(body);
  // A body the route did not read (refused by its declared size) is discarded, as Node does for
  // a handler that never reads: the connection then serves the client's next request.
  if (!req.complete) discardBody(req);
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // Only the path and query are read from the URL; the Host header is the client's to forge.
  return new Request(new URL(req.url!, "http://localhost"), {
    method: req.method,
    headers,
    body: bodyStream(req),
    duplex: "half",
  } as RequestInit);
}

/**
 * The request body as a web stream that, when the route stops reading (a body over its limit),
 * discards the rest instead of destroying the socket: the client still gets its 413.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => cancelled || controller.close());
      req.once("error", (err) => cancelled || controller.error(err));
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      discardBody(req);
    },
  });
}

function discardBody(req: IncomingMessage) {
  req.removeAllListeners("data");
  req.resume();
}
