import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../app/api/v1/openapi.json/openapi";
import { resolveRefs } from "./resolve-refs";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("resolveRefs", () => {
  it("replaces a component reference by its body, named, at any depth", () => {
    const components = { Step: { type: "object", properties: { key: { type: "string" } } }, Run: { type: "object", properties: { steps: { type: "array", items: ref("Step") } } } };
    expect(resolveRefs({ type: "object", properties: { run: ref("Run") } }, components)).toEqual({
      type: "object",
      properties: { run: { title: "Run", type: "object", properties: { steps: { type: "array", items: { title: "Step", type: "object", properties: { key: { type: "string" } } } } } } },
    });
  });

  it("keeps the description written beside a reference", () => {
    expect(resolveRefs({ ...ref("Id"), description: "the run's id" }, { Id: { type: "string" } })).toEqual({ title: "Id", type: "string", description: "the run's id" });
  });

  it("leaves a component that refers to itself as a reference instead of looping", () => {
    const components = { Node: { type: "object", properties: { children: { type: "array", items: ref("Node") } } } };
    expect(resolveRefs(ref("Node"), components)).toEqual({ title: "Node", type: "object", properties: { children: { type: "array", items: ref("Node") } } });
  });

  it("expands the same component twice side by side: only its own inside is a cycle", () => {
    const components = { Id: { type: "string" } };
    expect(resolveRefs({ anyOf: [ref("Id"), ref("Id")] }, components)).toEqual({ anyOf: [{ title: "Id", type: "string" }, { title: "Id", type: "string" }] });
  });

  it("keeps references it cannot follow", () => {
    expect(resolveRefs(ref("Missing"), {})).toEqual(ref("Missing"));
    expect(resolveRefs({ $ref: "https://example.test/schema.json" }, {})).toEqual({ $ref: "https://example.test/schema.json" });
  });

  it("leaves no component reference in the API document's run page body", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } };
    const body = resolveRefs(doc.paths["/api/v1/runs"]!.get!.responses["200"]!.content["application/json"]!.schema, doc.components.schemas);
    const text = JSON.stringify(body);
    expect(text).not.toContain("#/components/schemas/");
    expect(text).toContain('"title":"RunListItem"');
    expect(text).toContain('"automation_name"');
    expect(text).toContain('"next_cursor"');
  });
});
