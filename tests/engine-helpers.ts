import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as runRoute from "../app/api/v1/runs/[run_id]/route";
import { call } from "./helpers";

const TERMINAL = ["succeeded", "failed", "canceled"];

/** Polls the run until it reaches one of `statuses` (default: any final state) or the deadline. */
export async function waitForRun(key: string, runId: string, statuses: string[] = TERMINAL, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last: { status: string } | undefined;
  while (Date.now() < deadline) {
    const res = await call(runRoute.GET, { key, params: { run_id: runId } });
    last = res.json;
    if (statuses.includes(res.json.status)) return res.json;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not reach ${statuses.join("/")} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export type Recorded = { method: string; url: string; headers: IncomingMessage["headers"]; body: unknown };

/** A real HTTP server on a free port; `respond` decides each answer and every request is kept. */
type Answer = { status: number; body: unknown };

/** `respond` may return a promise, to hold its answer until the test lets it go. */
export async function startHttpServer(respond: (req: Recorded, n: number) => Answer | Promise<Answer>, delayMs = 0) {
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    const rec = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    requests.push(rec);
    const out = await respond(rec, requests.length);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    res.writeHead(out.status, { "content-type": "application/json" });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
