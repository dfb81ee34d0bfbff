// Runs once when the server starts. The Node.js work lives in its own module: this file is also
// compiled for the Edge runtime, which has no process.exit or process.stderr.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/bootstrap/start-server");
  await startServer();
}
