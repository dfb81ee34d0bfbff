import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { successStatus, withPublic, withWorkspace, type RouteMeta } from "../lib/api/handler";
import { openApiDocument } from "../app/api/v1/openapi.json/openapi";
import { ROUTES } from "../app/api/v1/openapi.json/route-index.generated";
import { call, seedWorkspace } from "./helpers";

// The document promises the status the wrappers answer with: `status` when a route sets it, else 200.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Operation = { responses: Record<string, { content?: unknown }> };

let key: string;
beforeAll(async () => {
  ({ key } = await seedWorkspace("OpenAPI statuses"));
});

describe("documented success statuses", () => {
  it("are, for every operation in the route index, the status its meta makes the wrapper answer", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, Operation>>;
    const checked: string[] = [];
    for (const route of ROUTES) {
      for (const method of METHODS) {
        const handler = (route.module as Record<string, unknown>)[method] as { meta?: RouteMeta } | undefined;
        if (!handler) continue;
        const op = paths[route.path]?.[method.toLowerCase()];
        expect(op, `${method} ${route.path} is documented`).toBeDefined();
        const answered = handler.meta?.status ?? 200;
        const success = Object.keys(op!.responses).filter((s) => s !== "4XX");
        expect(success, `${method} ${route.path}`).toEqual([String(answered)]);
        if (answered === 204) expect(op!.responses["204"]!.content, `${method} ${route.path} has no body`).toBeUndefined();
        else expect(op!.responses[String(answered)]!.content, `${method} ${route.path} has a body`).toBeDefined();
        checked.push(`${method} ${route.path}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(59);
    // A POST that sets no status is documented as the 200 it answers, not as a 201.
    expect(Object.keys(paths["/api/v1/automations/{automation_id}/pause"]!.post!.responses)).toContain("200");
    expect(Object.keys(paths["/api/v1/automations"]!.post!.responses)).toContain("201");
    expect(Object.keys(paths["/api/v1/automations/{automation_id}"]!.delete!.responses)).toContain("204");
  });

  it("match what withWorkspace really answers, for each way a route can set its status", async () => {
    for (const method of ["GET", "POST", "DELETE"] as const) {
      for (const status of [undefined, 201, 202, 204]) {
        const route = withWorkspace(async () => ({ ok: true }), { response: z.object({ ok: z.boolean() }), ...(status ? { status } : {}) });
        const res = await call(route, { key, method });
        expect(res.status, `${method} with status ${status}`).toBe(successStatus(route.meta));
        expect(res.json).toEqual(res.status === 204 ? null : { ok: true });
      }
    }
  });

  it("match what withPublic really answers", async () => {
    for (const status of [undefined, 202, 204]) {
      const route = withPublic(async () => ({ ok: true }), { params: z.object({}), ...(status ? { status } : {}) });
      const res = await call(route, { method: "POST", raw: "" });
      expect(res.status).toBe(successStatus(route.meta));
      expect(res.json).toEqual(res.status === 204 ? null : { ok: true });
    }
  });
});
