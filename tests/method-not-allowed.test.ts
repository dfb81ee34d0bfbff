import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../app/api/v1/openapi.json/route-index.generated";
import { allowedMethods } from "../lib/api/allowed-methods";
import { proxy } from "../proxy";

// Next answers a method a route file does not export with an empty 405. The proxy, which sees
// every request first, answers those in the API's one JSON error shape, with an Allow header.

const send = (method: string, path: string) => proxy(new NextRequest(`http://localhost${path}`, { method }));

describe("405 in the API's error shape", () => {
  it("a wrong method gets 405 with a JSON error and Allow; the right one passes through", async () => {
    const res = send("DELETE", "/api/v1/me");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: "DELETE is not allowed on /api/v1/me; use GET" } });

    const runs = send("PUT", "/api/v1/agents/runs/run_abc");
    expect(runs.status).toBe(405);
    expect(runs.headers.get("allow")).toBe("GET");
    // A static segment wins over a dynamic one, as in Next's routing.
    expect(send("GET", "/api/v1/agents/runs/import").status).toBe(405);
    expect(send("GET", "/api/v1/agents/runs/import").headers.get("allow")).toBe("POST");

    for (const [method, path] of [["GET", "/api/v1/me"], ["HEAD", "/api/v1/me"], ["OPTIONS", "/api/v1/me"], ["POST", "/api/v1/agents/runs/import"], ["DELETE", "/api/v1/nowhere"]])
      expect(send(method!, path!).status, `${method} ${path}`).not.toBe(405);
  });

  it("the method table agrees with the route modules", () => {
    for (const r of ROUTES) {
      const exported = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof (r.module as Record<string, unknown>)[m] === "function");
      const path = r.path.replace(/\{(\w+)\}/g, "x_$1");
      expect(allowedMethods(path), r.path).toEqual(exported);
    }
  });
});

describe("one body limit", () => {
  it("Next's copy for the proxy is cut just above the API's own ingest limit, never below it", async () => {
    const { INGEST_MAX_BODY_BYTES } = await import("../lib/api/body");
    // @ts-expect-error: next.config.mjs is plain JavaScript, typed only by its JSDoc
    const { default: nextConfig } = (await import("../next.config.mjs")) as { default: { experimental: { proxyClientMaxBodySize: number } } };
    expect(nextConfig.experimental.proxyClientMaxBodySize).toBe(INGEST_MAX_BODY_BYTES + 1);
  });
});
