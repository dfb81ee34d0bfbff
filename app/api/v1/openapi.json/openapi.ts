import { z } from "zod";
import { successStatus, type RouteMeta } from "../../../../lib/api/handler";
import { ROUTES } from "./route-index.generated";

// The OpenAPI 3.1 document, built from the zod schemas each route validates with, so it cannot
// drift from what the API accepts. OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits.
// A schema given an id (`.meta({ id: "Run" })`) becomes a named component, referenced by `$ref`.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Schema = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";

/**
 * Converts route schemas, collecting the named ones zod extracts (`$defs`) as components. Request
 * and response forms of one schema differ (defaults, transforms), so input components get an
 * `Input` suffix.
 */
class SchemaCollector {
  readonly components: Record<string, Schema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): Schema {
    const { $schema: _dialect, $defs, ...root } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Schema;
    const name = (id: string) => (io === "input" ? `${id}Input` : id);
    for (const [id, def] of Object.entries(($defs as Record<string, Schema> | undefined) ?? {})) this.add(name(id), relink(def, name) as Schema);
    return relink(root, name) as Schema;
  }

  private add(name: string, def: Schema) {
    const known = this.components[name];
    // Two different schemas under one id would make one of the routes document the other's body.
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`Two different schemas have the OpenAPI id "${name}"`);
    this.components[name] = def;
  }
}

/** Points zod's local `#/$defs/X` references at the document's components. */
function relink(value: unknown, name: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => relink(v, name));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? `${COMPONENTS}${name(v.slice("#/$defs/".length))}` : relink(v, name)]),
  );
}

const ERROR = {
  description: "Error, in the one shape every route uses",
  content: { "application/json": { schema: { $ref: `${COMPONENTS}Error` } } },
};

/** `idempotency-key` → `Idempotency-Key`: header names are case-insensitive; this is how they are written. */
const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

function objectParameters(schemas: SchemaCollector, schema: z.ZodType, where: "query" | "header") {
  const s = schemas.convert(schema, "input");
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}).map(([name, prop]) => ({
    name: where === "header" ? headerName(name) : name,
    in: where,
    required: required.has(name),
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function parameters(schemas: SchemaCollector, meta: RouteMeta, path: string) {
  const out: Schema[] = [];
  const pathSchema = meta.params ? schemas.convert(meta.params, "input") : null;
  for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))
    out.push({ name, in: "path", required: true, schema: (pathSchema?.properties as Record<string, Schema> | undefined)?.[name] ?? { type: "string" } });
  if (meta.query) out.push(...objectParameters(schemas, meta.query, "query"));
  if (meta.headers) out.push(...objectParameters(schemas, meta.headers, "header"));
  return out;
}

function operation(schemas: SchemaCollector, method: string, path: string, meta: RouteMeta | undefined) {
  const tag = path.split("/")[3] ?? "api";
  const status = String(successStatus(meta));
  const op: Schema = {
    operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(meta?.summary ? { summary: meta.summary } : {}),
    tags: [tag],
    parameters: meta ? parameters(schemas, meta, path) : [],
    responses: {
      [status]:
        status === "204"
          ? { description: "Done" }
          : { description: "Success", content: { "application/json": { schema: meta?.response ? schemas.convert(meta.response, "output") : {} } } },
      "4XX": ERROR,
    },
  };
  if (meta?.body) op.requestBody = { required: true, content: { "application/json": { schema: schemas.convert(meta.body, "input") } } };
  if (!meta || meta.auth !== "workspace") op.security = [];
  if (meta?.roles) op.description = `Workspace roles allowed: ${meta.roles.join(", ")}. Others get 403.`;
  return op;
}

let cached: Schema | null = null;

export function openApiDocument(): Schema {
  if (cached) return cached;
  const schemas = new SchemaCollector();
  const paths: Record<string, Schema> = {};
  for (const route of ROUTES) {
    const item: Schema = {};
    for (const method of METHODS) {
      const handler = (route.module as Record<string, unknown>)[method] as { meta?: RouteMeta } | undefined;
      if (!handler) continue;
      item[method.toLowerCase()] = operation(schemas, method, route.path, handler.meta);
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
        ...Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
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
