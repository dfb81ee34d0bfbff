import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { shot } from "./helpers";

// Who gets in, on the real production server: invites, the roles' screens, the origin the
// browser used, and a second server on a data folder that is already in use.

test("[MEMBERS] an owner invites by link; the invitee signs up with it and joins as a member without admin controls", async ({ page, browser }) => {
  await page.goto("/settings/members");
  await expect(page.getByRole("table", { name: "Members" })).toContainText("ada@example.test");
  await page.getByPlaceholder(/Email to invite/).fill("Sam@Example.test");
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("status")).toContainText("Send this link to sam@example.test");
  const link = (await page.getByTestId("invite-link").textContent()) ?? "";
  expect(link).toMatch(/\/sign-up\?invite=czi_/);
  await expect(page.getByRole("table", { name: "Pending invites" })).toContainText("sam@example.test");
  await shot(page, "14-members");

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p2 = await stranger.newPage();
  // Without an invite, sign-up is closed now that the installation has an owner.
  await p2.goto("/sign-up");
  await expect(p2.getByTestId("sign-up-refused")).toContainText("by invitation");
  await expect(p2.getByRole("button", { name: "Sign up" })).toHaveCount(0);

  await p2.goto(link);
  await expect(p2.getByText(/You are invited to join Demo workspace as a member/)).toBeVisible();
  await expect(p2.getByLabel("Email")).toHaveValue("sam@example.test");
  await p2.getByLabel("Name").fill("Sam Member");
  await p2.getByLabel("Password").fill("correct horse battery");
  await p2.getByRole("button", { name: "Sign up" }).click();
  await expect(p2.getByRole("heading", { name: "Run history" })).toBeVisible();
  await expect(p2.getByRole("link", { name: "analytics-agent" })).toBeVisible();

  await p2.getByRole("link", { name: "Members" }).click();
  await expect(p2.getByRole("table", { name: "Members" })).toContainText("sam@example.test");
  await expect(p2.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await expect(p2.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(p2.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  await shot(p2, "15-members-as-member");
  // The API refuses what the screen hides.
  const res = await p2.request.post("/api/v1/invites", { data: { email: "x@example.test" }, headers: { origin: new URL(link).origin } });
  expect(res.status()).toBe(403);
  await stranger.close();

  // The link was single use.
  await page.reload();
  await expect(page.getByRole("table", { name: "Members" })).toContainText("sam@example.test");
  await expect(page.getByText("No pending invites")).toBeVisible();
});

/** A raw HTTP request, so the test sets Host as a browser on another address would. */
function rawPost(url: string, headers: Record<string, string>, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

test("[AUTH] sign-in answers at whatever address the browser used, and refuses other sites", async ({ baseURL }) => {
  const url = `${baseURL}/api/auth/sign-in/email`;
  const port = new URL(baseURL!).port;
  const creds = { email: "nobody@example.test", password: "wrong password 1" };
  for (const host of [`localhost:${port}`, `192.168.7.7:${port}`]) {
    const res = await rawPost(url, { host, origin: `http://${host}`, cookie: "cz_theme=dark" }, creds);
    expect(res.body, host).not.toMatch(/origin/i);
    expect(res.status, host).toBe(401);
  }
  const evil = await rawPost(url, { host: `localhost:${port}`, origin: "https://evil.example", cookie: "cz_theme=dark" }, creds);
  expect(evil.status).toBe(403);
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

test("[LOCK] a second server on a data folder in use exits non-zero with the reason on stderr", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cz-e2e-lock-"));
  // This test process is alive: its pid in the lock file means the folder is in use.
  writeFileSync(path.join(dir, "crystallize.lock"), String(process.pid));
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", PORT: String(port), BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Knock until it exits: a server that stayed up would answer these with 500s.
  const statuses: number[] = [];
  const deadline = Date.now() + 60_000;
  let code: number | null | undefined;
  while (code === undefined && Date.now() < deadline) {
    code = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(r, 500))]);
    if (code === undefined) await fetch(`http://127.0.0.1:${port}/api/v1/sources`).then((r) => statuses.push(r.status), () => {});
  }
  if (code === undefined) child.kill("SIGKILL");
  expect(code, `still up; answered ${statuses.join(",")}`).not.toBeUndefined();
  expect(code).not.toBe(0);
  expect(stderr).toContain(`is in use by process ${process.pid}`);
});
