// Evaluates user-written JSONata in a child process of the server. The pool in ./pool.ts kills
// this process when an evaluation passes its deadline, and starts it with a small heap limit, so
// an expression that loops or allocates without end costs this process, never the server. Plain
// JavaScript, because it is started with node directly.
import jsonata from "jsonata";

// The server died or let go of this evaluator: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
const reply = (msg) => process.send(msg);

// JSONata's own depth guard: a non-tail recursion fails at once as a stack overflow instead of
// growing its promise chain until the deadline. Tail calls are trampolined (no depth), so an
// endless tail recursion is left to the deadline.
const MAX_DEPTH = 2_000;
// Step outputs are stored as JSON; beyond this the result is refused rather than shipped.
const MAX_RESULT_CHARS = 16 * 1024 * 1024;
const CACHE_SIZE = 1_000;
const cache = new Map();

function compile(expression) {
  let expr = cache.get(expression);
  if (!expr) {
    expr = jsonata(expression, { stack: MAX_DEPTH });
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(expression, expr);
  }
  return expr;
}

const messageOf = (err) => (err && typeof err.message === "string" ? err.message : String(err));

// Loaded and listening: the pool's deadlines count from here, not from the process start.
reply({ ready: true });

process.on("message", async ({ id, expression, data, inputs }) => {
  let expr;
  try {
    expr = compile(expression);
  } catch (err) {
    reply({ id, kind: "invalid", error: messageOf(err) });
    return;
  }
  try {
    const out = await expr.evaluate(data, { inputs });
    // JSONata returns arrays with a `sequence` marker; plain JSON is what steps store.
    const json = out === undefined ? undefined : JSON.stringify(out);
    if (json !== undefined && json.length > MAX_RESULT_CHARS) {
      reply({ id, kind: "too_large", error: `the result is larger than ${MAX_RESULT_CHARS / 1024 / 1024} MB of JSON` });
      return;
    }
    // `none`: the expression named nothing (a missing path), which a template must not read as null.
    reply({ id, json: json ?? "null", ...(json === undefined ? { none: true } : {}) });
  } catch (err) {
    const stack = (err instanceof RangeError && /call stack/i.test(err.message)) || (err && err.code === "D1011");
    reply({ id, kind: stack ? "stack" : "failed", error: messageOf(err) });
  }
});
