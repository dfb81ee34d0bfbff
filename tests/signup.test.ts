import { afterEach, describe, expect, it } from "vitest";
import * as authRoute from "../app/api/auth/[...all]/route";
import * as automations from "../app/api/v1/automations/route";
import * as invites from "../app/api/v1/invites/route";
import * as invite from "../app/api/v1/invites/[invite_id]/route";
import * as accept from "../app/api/v1/invites/accept/route";
import * as members from "../app/api/v1/members/route";
import * as member from "../app/api/v1/members/[user_id]/route";
import { getDb } from "../lib/db";
import { newId } from "../lib/ids";
import { call } from "./helpers";
import { setUpPrivateDatabase } from "./private-database";

// The sign-up policy and invites, through better-auth's real endpoint and the real routes. The
// first test needs an installation nobody owns yet, so it runs first in this file's own database.

setUpPrivateDatabase("cz_signup");

const origin = "http://localhost";
const password = "correct-horse-9";

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  const res = await authRoute.POST(
    new Request(`${origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email, password, name: email.split("@")[0], ...extra }),
    }),
  );
  const body = (await res.json()) as { message?: string; user?: { id: string } };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { status: res.status, message: body.message ?? "", userId: body.user?.id ?? "", cookie };
}

async function signIn(email: string) {
  const res = await authRoute.POST(
    new Request(`${origin}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ email, password }) }),
  );
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const as = (cookie: string) => ({ headers: { cookie, origin } });
const mode = (value: string | undefined) => (value === undefined ? delete process.env.SIGNUP : (process.env.SIGNUP = value));
afterEach(() => mode("open"));

let demoId = "";
let owner = { cookie: "", userId: "" };

describe("the first owner", () => {
  it("of several first sign-ups at the same moment, exactly one owns the first (demo) workspace", async () => {
    const db = await getDb();
    expect(await db.membership.count({ where: { role: "owner" } })).toBe(0);
    demoId = (await db.workspace.create({ data: { id: newId("ws"), name: "Demo workspace" } })).id;
    // Open, so that every one of them gets in (by default the first owner closes the door behind them).
    mode("open");
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(`first-${i}-${Date.now()}@example.com`)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const demoMembers = await db.membership.findMany({ where: { workspaceId: demoId } });
    expect(demoMembers).toHaveLength(1);
    expect(demoMembers[0]!.role).toBe("owner");
    // Everyone else got a workspace of their own, owned by them.
    for (const r of results) expect(await db.membership.count({ where: { userId: r.userId, role: "owner" } })).toBe(1);
    const winner = results.find((r) => r.userId === demoMembers[0]!.userId)!;
    owner = { cookie: winner.cookie, userId: winner.userId };
  });
});

describe("SIGNUP", () => {
  it("defaults to invite once an owner exists, and says what to do", async () => {
    mode(undefined);
    const res = await signUp(`walk-in-${Date.now()}@example.com`);
    expect(res.status).toBe(403);
    expect(res.message).toMatch(/invit/i);
  });

  it("closed refuses everyone, invite links included; open lets anyone in", async () => {
    const created = await call(invites.POST, { ...as(owner.cookie), body: { email: "closed@example.com" } });
    expect(created.status).toBe(201);
    mode("closed");
    const refused = await signUp("closed@example.com", { inviteToken: created.json.token });
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/SIGNUP=closed/);
    mode("open");
    expect((await signUp(`walk-in-${Date.now()}@example.com`)).status).toBe(200);
  });
});

describe("invites", () => {
  it("an invite link signs its invitee up into the workspace with its role, once, and no personal workspace", async () => {
    mode(undefined);
    const db = await getDb();
    const created = await call(invites.POST, { ...as(owner.cookie), body: { email: "Ann@Example.com", role: "admin" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email: "ann@example.com", role: "admin", status: "pending" });
    expect(created.json.url).toBe(`${origin}/sign-up?invite=${created.json.token}`);
    const listed = await call(invites.GET, as(owner.cookie));
    expect(JSON.stringify(listed.json)).not.toContain(created.json.token);

    expect((await signUp("mallory@example.com", { inviteToken: created.json.token })).status).toBe(403);
    const workspaces = await db.workspace.count();
    const ann = await signUp("ANN@example.com", { inviteToken: created.json.token });
    expect(ann.status).toBe(200);
    expect(await db.workspace.count()).toBe(workspaces);
    expect(await db.membership.findMany({ where: { userId: ann.userId }, select: { workspaceId: true, role: true } })).toEqual([{ workspaceId: demoId, role: "admin" }]);
    const again = await signUp("ann@example.com", { inviteToken: created.json.token });
    expect(again.status).not.toBe(200);
    expect((await signUp("ann2@example.com", { inviteToken: created.json.token })).status).toBe(403);

    const actions = (await db.auditEvent.findMany({ where: { workspaceId: demoId, targetId: created.json.id } })).map((e) => e.action);
    expect(actions.sort()).toEqual(["invite.accepted", "invite.created"]);

    // An admin may invite admins and members, never owners.
    const annCookie = await signIn("ann@example.com");
    const asOwner = await call(invites.POST, { ...as(annCookie), body: { email: "boss@example.com", role: "owner" } });
    expect(asOwner.status).toBe(403);
    expect((await call(invites.POST, { ...as(annCookie), body: { email: "helper@example.com", role: "member" } })).status).toBe(201);
  });

  it("revoked and expired invites are refused", async () => {
    mode(undefined);
    const db = await getDb();
    const revoked = await call(invites.POST, { ...as(owner.cookie), body: { email: "rev@example.com" } });
    const out = await call(invite.DELETE, { ...as(owner.cookie), method: "DELETE", params: { invite_id: revoked.json.id } });
    expect(out.json.status).toBe("revoked");
    expect((await signUp("rev@example.com", { inviteToken: revoked.json.token })).status).toBe(403);
    const expired = await call(invites.POST, { ...as(owner.cookie), body: { email: "old@example.com" } });
    expect(expired.json.expires_at > new Date(Date.now() + 6.9 * 86400_000).toISOString()).toBe(true);
    await db.invite.update({ where: { id: expired.json.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await signUp("old@example.com", { inviteToken: expired.json.token })).status).toBe(403);
  });

  it("a signed-in user accepts an invite for their own address only", async () => {
    const bob = await signUp(`bob-${Date.now()}@example.com`);
    const created = await call(invites.POST, { ...as(owner.cookie), body: { email: "someone-else@example.com" } });
    const wrong = await call(accept.POST, { ...as(bob.cookie), body: { token: created.json.token } });
    expect(wrong.status).toBe(403);
    const db = await getDb();
    const bobEmail = (await db.user.findUniqueOrThrow({ where: { id: bob.userId } })).email;
    const mine = await call(invites.POST, { ...as(owner.cookie), body: { email: bobEmail } });
    const ok = await call(accept.POST, { ...as(bob.cookie), body: { token: mine.json.token } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ workspace_id: demoId, role: "member" });
    // A member uses the workspace but cannot invite, nor change anyone's role.
    const inDemo = { headers: { ...as(bob.cookie).headers, "x-workspace-id": demoId } };
    expect((await call(automations.POST, { ...inDemo, body: { name: "Bob's" } })).status).toBe(201);
    expect((await call(invites.POST, { ...inDemo, body: { email: "x@example.com" } })).status).toBe(403);
    expect((await call(member.PATCH, { ...inDemo, method: "PATCH", params: { user_id: bob.userId }, body: { role: "owner" } })).status).toBe(403);
    const list = await call(members.GET, inDemo);
    expect(list.json.data.map((m: { user_id: string }) => m.user_id)).toContain(bob.userId);
  });

  it("owners change roles and remove members, and the last owner stays", async () => {
    const db = await getDb();
    const demoted = await call(member.PATCH, { ...as(owner.cookie), method: "PATCH", params: { user_id: owner.userId }, body: { role: "member" } });
    expect(demoted.status).toBe(409);
    expect((await call(member.DELETE, { ...as(owner.cookie), method: "DELETE", params: { user_id: owner.userId } })).status).toBe(409);
    const ann = (await db.user.findUniqueOrThrow({ where: { email: "ann@example.com" } })).id;
    expect((await call(member.PATCH, { ...as(owner.cookie), method: "PATCH", params: { user_id: ann }, body: { role: "member" } })).json).toEqual({ user_id: ann, role: "member" });
    expect((await call(member.DELETE, { ...as(owner.cookie), method: "DELETE", params: { user_id: ann } })).status).toBe(204);
    expect(await db.membership.count({ where: { workspaceId: demoId, userId: ann } })).toBe(0);
  });
});
