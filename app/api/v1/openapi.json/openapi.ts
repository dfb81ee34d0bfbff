import { z } from "zod";
import { successStatus, type RouteMeta } from "../../../../lib/api/handler";
import { ROUTES } from "./route-index.generated";

// The OpenAPI 3.1 document, built from the zod schemas each route validates with, so it cannot
// drift from what the API accepts. OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Schema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): Schema =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Schema;

const ERROR = {
  description: "Error, in the one shape every route uses",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

function parameters(meta: RouteMeta, path: string) {
  const out: Schema[] = [];
  const pathSchema = meta.params ? toSchema(meta.params, "input") : null;
  for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))
    out.push({ name, in: "path", required: true, schema: (pathSchema?.properties as Record<string, Schema> | undefined)?.[name] ?? { type: "string" } });
  if (meta.query) {
    const q = toSchema(meta.query, "input");
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, Schema>) ?? {})) out.push({ name, in: "query", required: required.has(name), schema });
  }
  return out;
}

function operation(method: string, path: string, meta: RouteMeta | undefined, summary: string | undefined) {
  const tag = path.split("/")[3] ?? "api";
  const status = String(successStatus(meta));
  const op: Schema = {
    operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: summary ?? `${method} ${path}`,
    tags: [tag],
    parameters: meta ? parameters(meta, path) : [],
    responses: {
      [status]:
        status === "204"
          ? { description: "Done" }
          : { description: "Success", content: { "application/json": { schema: meta?.response ? toSchema(meta.response, "output") : {} } } },
      "4XX": ERROR,
    },
  };
  if (meta?.body) op.requestBody = { required: true, content: { "application/json": { schema: toSchema(meta.body, "input") } } };
  if (!meta || meta.auth === "signature") op.security = [];
  if (meta?.roles) op.description = `Workspace roles allowed: ${meta.roles.join(", ")}. Others get 403.`;
  return op;
}

let cached: Schema | null = null;

export function openApiDocument(): Schema {
  if (cached) return cached;
  const paths: Record<string, Schema> = {};
  for (const route of ROUTES) {
    const item: Schema = {};
    for (const method of METHODS) {
      const handler = (route.module as Record<string, unknown>)[method] as { meta?: RouteMeta } | undefined;
      if (!handler) continue;
      item[method.toLowerCase()] = operation(method, route.path, handler.meta, (route.summaries as Record<string, string>)[method]);
    }
    if (Object.keys(item).length) paths[route.path] = item;
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Crystallize API",
      version: "1",
      description: "Turn agent runs and chat threads into deterministic automations, and run them. Authenticate with `Authorization: Bearer <API key>` or the session cookie.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
            },
          },
        },
      },
    },
  };
  return cached;
}
