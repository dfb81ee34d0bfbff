// Same-origin JSON calls for the browser; API errors become readable Error messages.
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's other fields as the API sent them (e.g. `field`, or `existing` on a repeated import). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } & Record<string, unknown> } | null)?.error;
    const { code, message, ...details } = err ?? {};
    throw new ApiRequestError(res.status, code ?? "error", message ?? `Request failed (${res.status})`, details);
  }
  return body as T;
}
