import { EgressError, egressFetch } from "../../security/egress";
import { StepError } from "../../errors";
import { type ExecContext, type Executor } from "./types";

// http_request and notify: real HTTP with a time limit; every call carries the attempt's
// idempotency key, so a receiver can drop a call repeated after a crash.

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export type HttpCall = { method: string; url: string; headers?: Record<string, string>; body?: unknown };

/**
 * `operator` marks URLs the server's operator configured (LLM_BASE_URL, NOTIFY_WEBHOOK_URL): they
 * are trusted. Every other URL came from a user and passes the workspace's egress policy.
 */
export async function sendHttp(call: HttpCall, ctx: ExecContext, opts: { operator?: boolean } = {}) {
  const headers = new Headers(call.headers ?? {});
  headers.set("idempotency-key", ctx.idempotencyKey);
  let body: string | undefined;
  if (call.body !== undefined && call.body !== null && !["GET", "HEAD"].includes(call.method)) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", typeof call.body === "string" ? "text/plain" : "application/json");
  }
  let res: Response;
  try {
    const init = { method: call.method, headers, body, signal: ctx.signal, redirect: "follow" } as const;
    res = opts.operator ? await fetch(call.url, init) : await egressFetch(call.url, init, ctx.egress);
  } catch (err) {
    if (err instanceof EgressError) throw new StepError(err.message, false);
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (ctx.signal.aborted) throw new StepError(String(ctx.signal.reason ?? "aborted"));
    throw new StepError(`${call.method} ${call.url} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
  const text = await readLimited(res);
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text: a server that mislabels its body is still answered
    }
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed };
}

async function readLimited(res: Response): Promise<string> {
  const buf = await res.arrayBuffer();
  if (buf.byteLength > MAX_RESPONSE_BYTES) throw new StepError(`response larger than ${MAX_RESPONSE_BYTES} bytes`, false);
  return new TextDecoder().decode(buf);
}

export const httpRequest: Executor = async (inputs, ctx) => {
  const method = String(inputs.method ?? "GET").toUpperCase();
  if (typeof inputs.url !== "string") throw new StepError("inputs.url must be a URL", false);
  const out = await sendHttp({ method, url: inputs.url, headers: inputs.headers as Record<string, string>, body: inputs.body }, ctx);
  // 5xx and 429 are worth a retry; other 4xx mean the request itself is wrong.
  if (out.status >= 400 && inputs.fail_on_error_status !== false)
    throw new StepError(`${method} ${inputs.url} answered ${out.status}`, out.status >= 500 || out.status === 429);
  return out;
};

export const notify: Executor = async (inputs, ctx) => {
  const own = typeof inputs.webhook_url === "string" && inputs.webhook_url !== "";
  const url = own ? (inputs.webhook_url as string) : process.env.NOTIFY_WEBHOOK_URL;
  if (!url) throw new StepError("no webhook_url in the inputs and NOTIFY_WEBHOOK_URL is not set", false);
  const payload = { text: String(inputs.message ?? ""), ...(inputs.channel ? { channel: inputs.channel } : {}) };
  const out = await sendHttp({ method: "POST", url, body: payload }, ctx, { operator: !own });
  if (out.status >= 400) throw new StepError(`the webhook answered ${out.status}`, out.status >= 500 || out.status === 429);
  return { ok: true, status: out.status };
};
