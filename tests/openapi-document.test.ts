import { describe, expect, it } from "vitest";
import { openApiDocument } from "../app/api/v1/openapi.json/openapi";
import { ROUTES } from "../app/api/v1/openapi.json/route-index.generated";
import type { RouteMeta } from "../lib/api/handler";

// The document describes real bodies: named schemas are components reached by $ref, every $ref
// resolves, every operation that answers a body says what it is, and every operation has a summary.

type Schema = Record<string, unknown>;
type Operation = { summary?: string; parameters: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };

const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

/** Every `$ref` in `value`, with where it was found. */
function refs(value: unknown, at: string, out: { ref: string; at: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => refs(v, `${at}[${i}]`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") out.push({ ref: String(v), at });
      else refs(v, `${at}.${k}`, out);
    }
  return out;
}

/** Follows a local JSON Pointer reference through the document. */
function resolve(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/** A schema with nothing in it accepts anything and documents nothing. */
const isEmpty = (s: Schema | undefined) => !s || Object.keys(s).length === 0;

describe("the OpenAPI document", () => {
  it("resolves every $ref, in the operations and between components", () => {
    const all = refs(doc, "#");
    expect(all.length).toBeGreaterThan(59);
    const dangling = all.filter(({ ref }) => resolve(ref) === undefined).map(({ ref, at }) => `${at} → ${ref}`);
    expect(dangling).toEqual([]);
    // Every named component is also used: nothing is emitted that no operation reaches.
    const used = new Set(all.map((r) => r.ref));
    const unused = Object.keys(doc.components.schemas).filter((name) => !used.has(`#/components/schemas/${name}`));
    expect(unused).toEqual([]);
  });

  it("names the response bodies the client reads as components", () => {
    for (const name of ["Run", "RunListItem", "StepRun", "Approval", "Trigger", "ToolProvider", "DataSource", "ApiKey", "Automation", "AgentRun", "ChatThread", "Flashboard", "Member", "AuditEvent", "Blocker"])
      expect(doc.components.schemas, name).toHaveProperty(name);
    const run = doc.paths["/api/v1/runs/{run_id}"]!.get!.responses["200"]!.content!["application/json"]!.schema;
    expect(run).toEqual({ $ref: "#/components/schemas/Run" });
    const runSchema = doc.components.schemas.Run as { properties: Record<string, Schema> };
    expect(runSchema.properties.steps).toEqual({ type: "array", items: { $ref: "#/components/schemas/StepRun" } });
    expect(Object.keys(runSchema.properties)).toEqual(expect.arrayContaining(["id", "automation_id", "status", "trigger_id", "input", "output", "approvals"]));
  });

  it("gives every operation that answers with a body a schema that says something", () => {
    const missing: string[] = [];
    for (const { name, op } of operations)
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === "204" || status === "4XX") continue;
        if (isEmpty(response.content?.["application/json"]?.schema)) missing.push(`${name} ${status}`);
      }
    expect(missing).toEqual([]);
  });

  it("declares a response schema on every route that answers with a body", () => {
    const undeclared: string[] = [];
    for (const route of ROUTES)
      for (const [method, handler] of Object.entries(route.module as Record<string, { meta?: RouteMeta }>)) {
        if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) continue;
        if (handler.meta?.status !== 204 && !handler.meta?.response) undeclared.push(`${method} ${route.path}`);
      }
    expect(undeclared).toEqual([]);
  });

  it("gives every operation a summary from its route's options, ending in a whole phrase", () => {
    expect(operations.length).toBeGreaterThanOrEqual(59);
    for (const { name, op } of operations) {
      const summary = op.summary ?? "";
      expect(summary, `${name} has a summary`).not.toBe("");
      expect(summary, `${name}: starts with a capital, ends without dangling punctuation`).toMatch(/^[A-Z].*[\w)"']$/);
      expect(summary.length, `${name}: one line`).toBeLessThanOrEqual(140);
      const open = (summary.match(/\(/g) ?? []).length;
      const close = (summary.match(/\)/g) ?? []).length;
      expect(open, `${name}: parentheses close`).toBe(close);
    }
  });

  it("documents declared headers as header parameters", () => {
    const crystallize = doc.paths["/api/v1/agents/runs/{run_id}/crystallize"]!.post!;
    expect(crystallize.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }));
    const hook = doc.paths["/api/v1/hooks/{trigger_id}"]!.post!;
    expect(hook.parameters).toContainEqual(expect.objectContaining({ name: "X-Crystallize-Signature", in: "header" }));
    expect(hook.responses["202"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/WebhookAccepted" });
  });
});
