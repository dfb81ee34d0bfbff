import { z } from "zod";

// Request headers shared by routes, declared with the wrapper's `headers` option (lower-case keys).

/** A repeat of a request with the same key is answered with the first response, not done twice. */
export const ZIdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .max(200, "at most 200 characters")
    .optional()
    .describe("a repeat of the request with the same key returns the first response instead of doing the work again"),
});
