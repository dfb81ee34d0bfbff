import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as version from "../app/api/v1/automations/[automation_id]/versions/[version]/route";
import * as automations from "../app/api/v1/automations/route";
import { withWorkspace } from "../lib/api/handler";
import { getDb } from "../lib/db";
import { call, seedWorkspace } from "./helpers";

// Data the server itself holds or produces that fails its schema is the server's fault: a 500 in
// the generic shape, logged, naming no internal field. Only the request's own fields give a 422.

const INTERNAL = { error: { code: "internal_error", message: "Internal server error" } };

let key: string;
beforeAll(async () => {
  ({ key } = await seedWorkspace("Server faults"));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function automationWithCorruptDefinition() {
  const created = await call(automations.POST, { key, body: { name: "Corrupted later" } });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const db = await getDb();
  const changed = await db.$executeRaw`UPDATE automation_version SET definition = '{"steps":"not a list","secret_internal":1}'::json WHERE "automationId" = ${id}`;
  expect(changed).toBe(1);
  return id;
}

describe("server faults", () => {
  it("a stored definition that no longer parses answers GET /automations/{id} with a logged 500", async () => {
    const id = await automationWithCorruptDefinition();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(automation.GET, { key, params: { automation_id: id } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual(INTERNAL);
    expect(logged).toHaveBeenCalled();
  });

  it("reading that version, or saving a change on top of it, is a 500 too", async () => {
    const id = await automationWithCorruptDefinition();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const read = await call(version.GET, { key, params: { automation_id: id, version: "1" } });
    expect(read.status).toBe(500);
    expect(read.json).toEqual(INTERNAL);
    const saved = await call(automation.PATCH, {
      key,
      method: "PATCH",
      params: { automation_id: id },
      body: { base_version: 1, definition: { steps: [] } },
    });
    expect(saved.status).toBe(500);
    expect(saved.json).toEqual(INTERNAL);
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it("a result that does not fit the route's response schema is a logged 500, not a 422", async () => {
    const route = withWorkspace(async () => ({ count: "three" }) as never, { response: z.object({ count: z.number() }) });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(route, { key });
    expect(res.status).toBe(500);
    expect(res.json).toEqual(INTERNAL);
    expect(JSON.stringify(res.json)).not.toContain("count");
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it("a bare ZodError thrown inside a handler is a 500", async () => {
    const route = withWorkspace(async () => z.object({ internal: z.string() }).parse({}));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(route, { key });
    expect(res.status).toBe(500);
    expect(res.json).toEqual(INTERNAL);
  });
});

describe("request errors stay 4xx and name the field", () => {
  it("a bad body is a 422 naming the body field", async () => {
    const logged = vi.spyOn(console, "error");
    const res = await call(automations.POST, { key, body: { name: 42 } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "body.name" });
    expect(res.json.error.message).toMatch(/^body\.name: /);
    expect(logged).not.toHaveBeenCalled();
  });

  it("a bad step in a new definition is a 422 naming its path", async () => {
    const created = await call(automations.POST, { key, body: { name: "Good one" } });
    const res = await call(automation.PATCH, {
      key,
      method: "PATCH",
      params: { automation_id: created.json.id },
      body: { base_version: 1, definition: { steps: "nope" } },
    });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "body.definition.steps" });
  });

  it("a bad query and a bad path param are 422s naming them", async () => {
    const route = withWorkspace(async ({ query }) => query, {
      params: z.object({ thing_id: z.string().startsWith("th_") }),
      query: z.object({ limit: z.coerce.number().int().max(10) }),
    });
    const badQuery = await call(route, { key, params: { thing_id: "th_1" }, query: "limit=99" });
    expect(badQuery.status).toBe(422);
    expect(badQuery.json.error.field).toBe("query.limit");
    const badPath = await call(route, { key, params: { thing_id: "x" }, query: "limit=1" });
    expect(badPath.status).toBe(422);
    expect(badPath.json.error.field).toBe("path.thing_id");
  });
});
