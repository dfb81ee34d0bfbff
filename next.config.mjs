/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by hand from node_modules (see lib/db/schema-engine.ts); bundling it drags in thousands of files.
  serverExternalPackages: ["@prisma/schema-engine-wasm", "@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
};
export default nextConfig;
