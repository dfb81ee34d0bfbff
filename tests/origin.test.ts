import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "../app/api/auth/[...all]/route";
import * as automations from "../app/api/v1/automations/route";
import { call } from "./helpers";

// Which origin a request came from: the Host the browser addressed, and X-Forwarded-* only when
// the operator says a proxy sets them (TRUST_PROXY=1).

const post = (url: string, headers: Record<string, string>, body: unknown) =>
  authRoute.POST(new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }));

let cookie = "";
beforeAll(async () => {
  const res = await post("http://localhost/api/auth/sign-up/email", { origin: "http://localhost" }, { email: `o-${Date.now()}@example.com`, password: "correct-horse-9", name: "O" });
  expect(res.status).toBe(200);
  cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
});

const saved = { url: process.env.BETTER_AUTH_URL, proxy: process.env.TRUST_PROXY };
afterEach(() => {
  for (const [k, v] of [["BETTER_AUTH_URL", saved.url], ["TRUST_PROXY", saved.proxy]] as const) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

describe("X-Forwarded-Host", () => {
  const forged = { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  it("is ignored without TRUST_PROXY: a cross-site request cannot name itself the host", async () => {
    delete process.env.TRUST_PROXY;
    const res = await call(automations.POST, { headers: { cookie: cookie, ...forged }, body: { name: "forged" } });
    expect(res.status).toBe(403);
  });

  it("is believed with TRUST_PROXY=1, as a proxy in front of the app sets it", async () => {
    process.env.TRUST_PROXY = "1";
    const res = await call(automations.POST, { headers: { cookie: cookie, origin: "https://app.example.com", "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https" }, body: { name: "proxied" } });
    expect(res.status).toBe(201);
  });
});

describe("better-auth accepts the address the browser used", () => {
  // Next builds req.url from the address it listens on (localhost), whatever the browser typed.
  // better-auth checks the Origin of requests that carry cookies, as a browser's do.
  const signIn = (host: string, origin: string) =>
    post("http://localhost:3000/api/auth/sign-in/email", { host, origin, cookie: "cz_workspace=ws_x" }, { email: "nobody@example.com", password: "wrong-password-1" });

  it("at 127.0.0.1 without BETTER_AUTH_URL", async () => {
    delete process.env.BETTER_AUTH_URL;
    const res = await signIn("127.0.0.1:3000", "http://127.0.0.1:3000");
    expect(await res.text()).not.toMatch(/origin/i);
    expect(res.status).toBe(401);
  });

  it("at a LAN address other than BETTER_AUTH_URL", async () => {
    process.env.BETTER_AUTH_URL = "http://localhost:3000";
    const res = await signIn("192.168.1.20:3000", "http://192.168.1.20:3000");
    expect(await res.text()).not.toMatch(/origin/i);
    expect(res.status).toBe(401);
  });

  it("but not a page on another site", async () => {
    const res = await signIn("127.0.0.1:3000", "https://evil.example");
    expect(res.status).toBe(403);
  });
});
