import { expect } from "vitest";
import * as me from "../app/api/v1/me/route";
import { createApiKey } from "../lib/api-keys/api-keys";
import { getDb } from "../lib/db";
import { newId } from "../lib/ids";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A fresh workspace with an admin API key; random ids keep tests independent. */
/** `egressAllowList`: the private hosts its steps may reach, e.g. ["127.0.0.1"] for a local test server. */
export async function seedWorkspace(name = "Test workspace", opts: { egressAllowList?: string[] } = {}) {
  const db = await getDb();
  const workspace = await db.workspace.create({ data: { id: newId("ws"), name, egressAllowList: opts.egressAllowList ?? [] } });
  const { secret } = await createApiKey(db, { workspaceId: workspace.id, name: "test" });
  return { workspaceId: workspace.id, key: secret };
}

/**
 * Calls a route handler with a real Request, as Next does. `body` is sent as JSON; `raw` as is.
 */
export async function call(
  handler: Handler,
  opts: { key?: string; params?: Record<string, string>; body?: unknown; raw?: string; headers?: Record<string, string>; query?: string; method?: string } = {},
) {
  const headers: Record<string, string> = { ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers };
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`http://localhost/api/v1/test${opts.query ? `?${opts.query}` : ""}`, {
    method: opts.method ?? (body !== undefined ? "POST" : "GET"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/**
 * Times GET /me again and again, `pauseMs` apart, until `work` settles: the samples show whether
 * the server kept answering meanwhile.
 */
export async function sampleMeWhile<T>(key: string, work: Promise<T>, pauseMs = 100) {
  let settled = false;
  const outcome = work.finally(() => (settled = true));
  const samples: number[] = [];
  while (!settled) {
    const t0 = performance.now();
    const res = await call(me.GET, { key });
    samples.push(performance.now() - t0);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return { value: await outcome, samples };
}
