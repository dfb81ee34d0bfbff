import { z } from "zod";
import type { RouteMeta } from "@/lib/api/handler";
import { openApiDocument } from "@/app/api/v1/openapi.json/openapi";

// GET /api/v1/openapi.json
// Not wrapped: it needs neither the database nor a caller. Its meta documents it like the rest.
export const GET = Object.assign(
  function GET() {
    return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
  },
  {
    meta: {
      summary: "The OpenAPI 3.1 document of this API (public, no key needed)",
      response: z.record(z.string(), z.unknown()).describe("an OpenAPI 3.1 document"),
      auth: "none",
    } satisfies RouteMeta,
  },
);
