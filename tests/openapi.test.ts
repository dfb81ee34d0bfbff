import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as openapi from "../app/api/v1/openapi.json/route";
import { INDEX_FILE, METHODS_FILE, renderRouteIndex, renderRouteMethods } from "../scripts/route-index";

describe("GET /api/v1/openapi.json", () => {
  it("is current with the route files", () => {
    expect(readFileSync(INDEX_FILE, "utf8"), "run `npm run gen:routes`").toBe(renderRouteIndex());
    expect(readFileSync(METHODS_FILE, "utf8"), "run `npm run gen:routes`").toBe(renderRouteMethods());
  });

  it("documents every route with the schemas it validates with", async () => {
    const res = openapi.GET();
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths as Record<string, Record<string, { summary: string; responses: object }>>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.length).toBeGreaterThanOrEqual(59);
    expect(ops).toEqual(expect.arrayContaining(["POST /api/v1/agents/runs/import", "POST /api/v1/otlp/v1/traces", "POST /api/v1/agents/runs/{run_id}/crystallize", "GET /api/v1/openapi.json"]));

    const importOp = doc.paths["/api/v1/agents/runs/import"].post;
    expect(importOp.summary).toMatch(/import/i);
    expect(importOp.requestBody.content["application/json"].schema.properties.format.enum).toContain("langsmith");
    const crystallize = doc.paths["/api/v1/agents/runs/{run_id}/crystallize"].post;
    expect(crystallize.parameters).toContainEqual(expect.objectContaining({ name: "run_id", in: "path", required: true }));
    expect(crystallize.requestBody.content["application/json"].schema.properties).toHaveProperty("into");
    const list = doc.paths["/api/v1/agents/runs"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["limit", "cursor", "status"]));
    expect(list.responses["200"].content["application/json"].schema.properties.data.type).toBe("array");
    expect(doc.paths["/api/v1/hooks/{trigger_id}"]?.post?.security ?? []).toEqual([]);
    for (const op of ops) expect(op).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\//);
  });
});
