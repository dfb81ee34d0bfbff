import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import { ROUTES } from "../app/api/v1/openapi.json/route-index.generated";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";
import { serveRoutes } from "./http-server";

// Property: whatever arrives (bad bodies, query strings, path ids, headers; huge or deeply nested
// JSON; wrong content types), over real HTTP, no route answers 5xx, every error has the one shape,
// and the server keeps answering.

const RUNS = Number(process.env.FUZZ_RUNS || 10_000);
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
type Handler = Parameters<typeof call>[0];

const operations = ROUTES.flatMap((r) =>
  METHODS.filter((m) => typeof (r.module as Record<string, unknown>)[m] === "function").map((method) => ({
    method,
    path: r.path,
    params: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  })),
);

let server: { url: string; close: () => Promise<void> };
let ws: { workspaceId: string; key: string };
let automationId = "";
const statuses = new Map<number, number>();

beforeAll(async () => {
  // No stdio tool servers from generated bodies: nothing random gets spawned.
  process.env.ALLOW_STDIO_TOOLS = "0";
  await startEngine(2);
  ws = await seedWorkspace("fuzz");
  automationId = (await call(automations.POST, { key: ws.key, body: { name: "fuzz target" } })).json.id;
  const table: Record<string, Record<string, Handler>> = {};
  for (const r of ROUTES) table[r.path.replace(/\{(\w+)\}/g, "[$1]")] = r.module as unknown as Record<string, Handler>;
  server = await serveRoutes(table);
});

afterAll(async () => {
  delete process.env.ALLOW_STDIO_TOOLS;
  await server?.close();
  await stopEngine();
});

const FIELDS = ["name", "definition", "steps", "parameters", "kind", "url", "cron", "timezone", "input", "messages", "transcript", "format", "base_version", "force", "comment", "egress_allow_list", "connection_string", "event_name", "payload", "into", "headers", "tools", "enabled", "key", "type", "action_kind", "inputs", "depends_on"];

const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom("", " ", "null", "../../etc/passwd", "%00", "'; DROP TABLE automation; --", "\u0000", "💥".repeat(50), "a".repeat(5000)));

const param = fc.oneof(
  text,
  fc.constantFrom("auto_", "run_x", "1", "0", "-1", "99999999999999999999", "1.5", "NaN"),
  fc.constant("__automation__"), // replaced with a real id of the workspace
);

const HUGE = "<1.2 MB JSON>";
const body: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: "grapheme", maxLength: 200 }), // mostly not JSON
  fc.integer({ min: 90, max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 90, max: 5_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
  fc.constant(HUGE), // expanded when sent, so a counterexample stays readable
  fc.constantFrom("{", "[1,", '{"name":', "\u0000\u0001", "\ufeff{}", "1e999999", '"'),
);

const request = fc.record({
  op: fc.constantFrom(...operations),
  params: fc.array(param, { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(fc.oneof(fc.constantFrom("limit", "cursor", "status", "automation_id", "source_type", "action", "target_id", "cron", "timezone", "format"), fc.string({ maxLength: 10 })), text, { maxKeys: 4 }),
  auth: fc.constantFrom("valid", "valid", "valid", "valid", "valid", "valid", "none", "garbage", "bearer-garbage", "basic"),
  contentType: fc.oneof(fc.constantFrom("application/json", "application/json", "text/plain", "application/x-protobuf", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""), fc.string({ maxLength: 30 })),
  extraHeaders: fc.dictionary(fc.constantFrom("x-workspace-id", "content-encoding", "x-crystallize-signature", "idempotency-key", "origin", "cookie"), fc.string({ unit: "grapheme-ascii", maxLength: 60 }), { maxKeys: 3 }),
  body,
});

function toFetch(r: Req) {
  let i = 0;
  const path = r.op.path.replace(/\{(\w+)\}/g, () => {
    const p = r.params[i++] ?? "x";
    return encodeURIComponent(p === "__automation__" ? automationId : p);
  });
  const qs = new URLSearchParams(r.query).toString();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.extraHeaders)) if (/^[\x20-\x7e]*$/.test(v)) headers[k] = v;
  if (r.auth === "valid") headers.authorization = `Bearer ${ws.key}`;
  if (r.auth === "garbage") headers.authorization = "garbage";
  if (r.auth === "bearer-garbage") headers.authorization = "Bearer cz_not_a_real_key";
  if (r.auth === "basic") headers.authorization = "Basic dXNlcjpwYXNz";
  if (r.contentType && /^[\x20-\x7e]*$/.test(r.contentType)) headers["content-type"] = r.contentType;
  const withBody = r.op.method !== "GET" && r.body !== undefined;
  const sent = r.body === HUGE ? `{"name":"${"x".repeat(1.2 * 1024 * 1024)}"}` : r.body;
  return { url: `${server.url}${path}${qs ? `?${qs}` : ""}`, init: { method: r.op.method, headers, ...(withBody ? { body: sent } : {}) } };
}

type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

describe("fuzzing every route", () => {
  it(`${RUNS} generated malformed requests: no 5xx, every error in the one shape, the server stays up`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { url, init } = toFetch(r);
        const res = await fetch(url, init);
        const raw = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${init.method} ${url.slice(server.url.length, 200)}`;
        expect(res.status, `${where} → ${raw.slice(0, 300)}`).toBeLessThan(500);
        // 431: Node's HTTP parser refuses a request line over 16 KB before any route sees it.
        if (res.status >= 400 && res.status !== 431) {
          expect(res.headers.get("content-type") ?? "", `${where} → ${res.status} ${raw.slice(0, 300)}`).toMatch(/json/);
          const parsed = JSON.parse(raw) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof parsed.error?.code, `${where} → ${raw.slice(0, 300)}`).toBe("string");
          expect(typeof parsed.error?.message, where).toBe("string");
        }
      }),
      { numRuns: RUNS },
    );
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${ws.key}` } });
    expect(me.status).toBe(200);
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`fuzz: ${RUNS} requests, statuses ${summary}`);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
