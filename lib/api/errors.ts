import { z } from "zod";
import { isUniqueViolation } from "../db/errors";
import { Prisma } from "../generated/prisma/client";
import { ApiError } from "../errors";

/** "body.steps[2].key" from a zod path. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out;
}

export function zodToApiError(err: z.ZodError, where: string): ApiError {
  const issue = err.issues[0]!;
  const field = formatPath(where, issue.path);
  return new ApiError("validation_error", `${field}: ${issue.message}`, { field });
}

const NUL_REFUSED = /invalid byte sequence for encoding "UTF8": 0x00|unsupported Unicode escape sequence|\\u0000 cannot be converted to text/;

/**
 * Maps anything thrown to the status and body the API returns. Internals never leak.
 *
 * The request (path, query, body) is parsed into an ApiError naming the field before a handler
 * runs, so a bare ZodError reaching here came from the server's own data: a stored definition or
 * config that no longer fits its schema, or a response that does not fit the route's output
 * schema. That is a server fault, logged and answered 500, never a 422 quoting internal paths.
 */
export function toErrorResponse(err: unknown): { status: number; body: { error: Record<string, unknown> } } {
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  else if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2025")
    apiError = new ApiError("not_found", "Not found");
  else if (isUniqueViolation(err))
    apiError = new ApiError("conflict", "A record with these values already exists");
  else if (err instanceof Error && NUL_REFUSED.test(err.message))
    // Input that reached the database with a NUL in it (binary payloads): still the caller's fault.
    apiError = new ApiError("bad_request", "The request holds a NUL character (\\u0000), which cannot be stored");
  else {
    console.error("Unhandled error in API route:", err);
    apiError = new ApiError("internal_error", "Internal server error");
  }
  return {
    status: apiError.status,
    body: { error: { code: apiError.code, message: apiError.message, ...apiError.extra } },
  };
}

export function errorResponse(err: unknown): Response {
  const { status, body } = toErrorResponse(err);
  const headers: Record<string, string> = {};
  if (err instanceof ApiError && typeof err.extra.retry_after === "number") headers["Retry-After"] = String(err.extra.retry_after);
  return Response.json(body, { status, headers });
}
