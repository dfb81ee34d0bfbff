import { API_HEADERS } from "./lib/http/api-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by hand from node_modules (see lib/db/schema-engine.ts); bundling it drags in thousands of files.
  serverExternalPackages: ["@prisma/schema-engine-wasm", "@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // `npm test` type-checks first (npm run typecheck), so the build need not do it again: it was
  // about 55 s of a fresh clone's first `npm start` on two cores.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // One byte over INGEST_MAX_BODY_BYTES (32 MiB, lib/api/body.ts): the copy Next keeps for the
    // proxy is never cut below the API's own limit, which then answers 413 (a test keeps them equal).
    proxyClientMaxBodySize: 32 * 1024 * 1024 + 1,
  },
  async headers() {
    return [{ source: "/api/:path*", headers: API_HEADERS }];
  },
};
export default nextConfig;
