// Security headers for API responses. Pages get theirs, with a per-request script nonce, from
// proxy.ts, which does not run for /api/ (see its matcher). JSON needs no scripts, styles or frames.
const API_HEADERS = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by hand from node_modules (see lib/db/schema-engine.ts); bundling it drags in thousands of files.
  serverExternalPackages: ["@prisma/schema-engine-wasm", "@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/api/:path*", headers: API_HEADERS }];
  },
};
export default nextConfig;
