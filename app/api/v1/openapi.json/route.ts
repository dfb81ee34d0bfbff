import { openApiDocument } from "@/app/api/v1/openapi.json/openapi";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API (public, no key needed)
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
