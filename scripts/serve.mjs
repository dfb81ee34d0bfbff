// The production server: Next, behind a plain Node listener that offers each request to the
// webhook fast path first (lib/bootstrap/fast-routes.ts, registered by the server's own startup) and
// hands the rest to Next. `node scripts/serve.mjs [-p port] [-H host]`, like `next start`.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port || process.env.PORT || 3000);
const hostname = values.hostname || process.env.HOSTNAME || undefined;

// Before Next loads, as `next start` does: React and Next pick their production builds from it.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: new URL("..", import.meta.url).pathname, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (globalThis.__czFastRoutes?.(req, res)) return;
  void handle(req, res);
});
// Node closes an idle kept-alive connection after 5 s. A client that sends its next request just
// as the server closes gets a reset socket ("socket hang up"), and not every client retries it. The
// usual cure, as behind a load balancer: the server keeps idle connections longer than clients and
// proxies do (60 s is the common proxy idle limit). An idle connection costs a socket and no CPU,
// and headersTimeout (60 s) and requestTimeout (300 s) still bound a slow sender.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`Serving on http://${hostname ?? "localhost"}:${port}`));

// As `next start` does: stop on a signal, so the exit handlers (the database lock) run.
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
