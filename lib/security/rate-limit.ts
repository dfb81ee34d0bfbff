import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { ApiError } from "../errors";

// Ingestion endpoints are what a misbehaving client or a leaked webhook URL hammers, so each has
// a per-minute budget: per workspace for authenticated routes, per trigger for webhooks (signed
// deliveries and failed ones counted apart). Counted
// in this process's memory: one web process serves the embedded database, and with PostgreSQL
// each web process enforces its own budget.

const LIMITS = {
  webhook: { env: "RATE_LIMIT_WEBHOOK_PER_MIN", perMinute: 600, what: "this webhook" },
  webhook_failure: { env: "RATE_LIMIT_WEBHOOK_FAILURES_PER_MIN", perMinute: 60, what: "deliveries that fail their signature check on this webhook" },
  events: { env: "RATE_LIMIT_EVENTS_PER_MIN", perMinute: 600, what: "events in this workspace" },
  import: { env: "RATE_LIMIT_IMPORT_PER_MIN", perMinute: 60, what: "imports in this workspace" },
  otlp: { env: "RATE_LIMIT_OTLP_PER_MIN", perMinute: 1200, what: "OTLP exports in this workspace" },
} as const;

export type RateLimitName = keyof typeof LIMITS;

// On globalThis: Next's route bundles and the webhook listener (lib/bootstrap/fast-routes.ts) are
// separate module copies, and a budget counted twice would be twice as large.
const limiters: Map<string, RateLimiterMemory> = ((globalThis as { __czRateLimiters?: Map<string, RateLimiterMemory> }).__czRateLimiters ??= new Map());

function limiterFor(name: RateLimitName) {
  const spec = LIMITS[name];
  const perMinute = Number(process.env[spec.env] || spec.perMinute);
  const key = `${name}:${perMinute}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: 60 });
    limiters.set(key, limiter);
  }
  return { limiter, perMinute };
}

/** Takes one request from the budget, or throws a 429 whose Retry-After says when to come back. */
export async function takeToken(name: RateLimitName, key: string) {
  const { limiter, perMinute } = limiterFor(name);
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new ApiError("rate_limited", `Too many requests: ${perMinute} per minute for ${LIMITS[name].what}; retry in ${retryAfter} s`, {
      retry_after: retryAfter,
    });
  }
}
