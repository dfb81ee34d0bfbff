import { z } from "zod";
import { findActiveApiKey } from "../api-keys/api-keys";
import { recordAudit, type AuditEntry } from "../audit/audit";
import type { Actor, WorkspaceRole } from "../auth/actor";

export type { WorkspaceRole };
import { getAuth } from "../auth/auth";
import { takeToken, type RateLimitName } from "../security/rate-limit";
import { getDb, type Db, type DbClient } from "../db";
import { requestOrigin } from "../http/request-origin";
import { assertNoNul, DEFAULT_MAX_BODY_BYTES, parseJsonBody, readBodyText } from "./body";
import { ApiError } from "../errors";
import { errorResponse, zodToApiError } from "./errors";


export type HandlerContext<P, Q, B, H = Record<string, never>> = {
  req: Request;
  db: Db;
  workspaceId: string;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  /** The request headers the route declares in `headers`, validated (names in lower case). */
  headers: H;
  /** Writes an audit event as this actor, inside the transaction `tx` of the change it records. */
  audit: (tx: DbClient, entry: AuditEntry) => Promise<void>;
  /** Runs `work` in a transaction that also records what it did: the change and its audit event land together or not at all. */
  audited: <T>(work: (tx: DbClient) => Promise<T>, entry: (result: T) => AuditEntry) => Promise<T>;
};

type Options<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, H extends z.ZodType> = {
  /** One line for the API document: what the operation does. */
  summary?: string;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Request headers the route reads, as an object schema keyed by lower-case header name. They are
   * validated like the body (a bad one is a 422 naming `header.<name>`) and documented.
   */
  headers?: H;
  /**
   * Output schema: the response is parsed through it, so no extra field leaks. A route that
   * answers its own `Response` declares it too: the API document and the client read it.
   */
  response?: R;
  status?: number;
  maxBodyBytes?: number;
  /**
   * The route reads and parses the body itself (large uploads are parsed off the main thread);
   * `body` then only documents it and the handler's `body` is undefined.
   */
  bodyParsedByRoute?: boolean;
  /** Requests per minute per workspace (429 with Retry-After beyond it). */
  rateLimit?: RateLimitName;
  /** Workspace roles allowed to call the route (every role when omitted); others get 403. */
  roles?: readonly WorkspaceRole[];
};

/** Workspace-wide credentials and security settings are the owners' and admins' to manage. */
export const ADMINS: readonly WorkspaceRole[] = ["owner", "admin"];
/** Who is in the workspace, and with which role, is the owners' to decide. */
export const OWNERS: readonly WorkspaceRole[] = ["owner"];

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The one wrapper behind every /api/v1 route: authenticates, resolves the workspace, validates
 * params, query and body with zod, shapes the response, and maps every error to
 * `{"error":{"code","message"}}`.
 */
export function withWorkspace<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  R extends z.ZodType = z.ZodType<unknown>,
  H extends z.ZodType = z.ZodType<Record<string, never>>,
>(
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, z.output<H>>) => Promise<z.input<R> | Response>,
  options: Options<P, Q, B, R, H> = {},
) {
  const route = async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      const { workspaceId, actor } = await authenticate(req, db);
      if (options.roles && !options.roles.includes(actor.role as WorkspaceRole))
        throw new ApiError("forbidden", `This needs the ${options.roles.join(" or ")} role in the workspace; ${actor.type === "key" ? "this API key has" : "you have"} the ${actor.role} role`);
      if (options.rateLimit) await takeToken(options.rateLimit, workspaceId);
      const params = parseWith(options.params, await ctx.params, "path");
      const query = parseWith(options.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      const headers = parseHeaders(options.headers, req);
      const body = options.body && !options.bodyParsedByRoute ? parseWith(options.body, await readJson(req, options.maxBodyBytes), "body") : (undefined as z.output<B>);
      const audit = (tx: DbClient, entry: AuditEntry) => recordAudit(tx, workspaceId, actor, entry);
      const audited = <T>(work: (tx: DbClient) => Promise<T>, entry: (result: T) => AuditEntry) =>
        db.$transaction(async (tx) => {
          const result = await work(tx);
          await audit(tx, entry(result));
          return result;
        });
      const result = await handler({ req, db, workspaceId, actor, params, query, body, headers, audit, audited });
      if (result instanceof Response) return result;
      const status = successStatus(options);
      if (status === 204) return new Response(null, { status });
      const data = options.response ? options.response.parse(result) : result;
      return Response.json(data, { status });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { meta: { ...options, auth: "workspace" } satisfies RouteMeta });
}

/** What the OpenAPI document reads off each route: its schemas, success status and how it authenticates. */
export type RouteMeta = {
  summary?: string;
  params?: z.ZodType;
  headers?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  roles?: readonly WorkspaceRole[];
  /** "none": public and unsigned (the API document itself). */
  auth: "workspace" | "signature" | "none";
};

/**
 * The status a route answers on success: its `status`, else 200 (204 carries no body). The OpenAPI
 * document reads it from the same place, so it cannot promise another.
 */
export const successStatus = (meta: Pick<RouteMeta, "status"> | undefined) => meta?.status ?? 200;

function parseWith<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) {
  if (!schema) return value as never;
  assertNoNul(value, where);
  const out = schema.safeParse(value);
  if (!out.success) throw zodToApiError(out.error, where);
  return out.data as never;
}

/** Only the declared headers reach the handler; with none declared it gets `{}`. */
function parseHeaders<H extends z.ZodType | undefined>(schema: H, req: Request) {
  if (!schema) return {} as never;
  return parseWith(schema, Object.fromEntries(req.headers), "header");
}

async function readJson(req: Request, limit = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return undefined;
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type))
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json (got "${type || "none"}")`);
  return parseJsonBody(text);
}

async function authenticate(req: Request, db: Db): Promise<{ workspaceId: string; actor: Actor }> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new ApiError("unauthorized", "Authorization header must be `Bearer <api key>`");
    const key = await findActiveApiKey(db, match[1]!);
    if (!key) throw new ApiError("unauthorized", "Invalid or revoked API key");
    // Touch at most once a minute: a write on every request would cost more than it tells.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000)
      await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    return { workspaceId: key.workspaceId, actor: { type: "key", id: key.id, role: key.role } };
  }

  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: req.headers });
  if (!session) throw new ApiError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  if (UNSAFE.has(req.method) && !isSameOrigin(req))
    throw new ApiError("forbidden", "Cross-origin requests with a session cookie are not allowed");

  const wanted = req.headers.get("x-workspace-id") ?? readCookie(req, "cz_workspace");
  const membership = await db.membership.findFirst({
    where: { userId: session.user.id, ...(wanted ? { workspaceId: wanted } : {}) },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) throw new ApiError(wanted ? "not_found" : "forbidden", wanted ? `Workspace ${wanted} not found` : "You are not a member of any workspace");
  return { workspaceId: membership.workspaceId, actor: { type: "user", id: session.user.id, role: membership.role } };
}

// CSRF guard for cookie sessions: browsers send Origin (or Sec-Fetch-Site) on unsafe requests.
function isSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (origin) return origin.toLowerCase() === requestOrigin(req);
  const site = req.headers.get("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}

function readCookie(req: Request, name: string) {
  const cookie = req.headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * For the few routes that authenticate by other means (webhook signatures): path params and
 * declared headers are validated, the raw body is read with a size limit, the result is parsed
 * through `response`, and errors take the one JSON shape.
 */
export function withPublic<
  P extends z.ZodType,
  R extends z.ZodType = z.ZodType<unknown>,
  H extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
>(
  handler: (ctx: { req: Request; db: Db; params: z.output<P>; query: z.output<Q>; headers: z.output<H>; rawBody: string }) => Promise<z.input<R> | Response>,
  options: { summary?: string; params: P; query?: Q; headers?: H; response?: R; status?: number; maxBodyBytes?: number },
) {
  const route = async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      const params = parseWith(options.params, await ctx.params, "path");
      const query = options.query ? parseWith(options.query, Object.fromEntries(new URL(req.url).searchParams), "query") : ({} as never);
      const headers = parseHeaders(options.headers, req);
      const rawBody = await readBodyText(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const result = await handler({ req, db, params, query, headers, rawBody });
      if (result instanceof Response) return result;
      const status = successStatus(options);
      if (status === 204) return new Response(null, { status });
      return Response.json(options.response ? options.response.parse(result) : result, { status });
    } catch (err) {
      return errorResponse(err);
    }
  };
  const { summary, params, query, headers, response, status } = options;
  return Object.assign(route, { meta: { summary, params, query, headers, response, status, auth: "signature" } satisfies RouteMeta });
}
