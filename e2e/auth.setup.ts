import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./helpers";

// The first sign-up on a fresh installation owns the demo workspace. Through better-auth's own
// endpoint, as the sign-up page calls it, so the feature tests need no page to get a session.
setup("sign the owner up through the API", async ({ request, baseURL }) => {
  const res = await request.post("/api/auth/sign-up/email", {
    headers: { origin: baseURL! },
    data: { name: OWNER.name, email: OWNER.email, password: OWNER.password },
  });
  expect(res.status(), await res.text()).toBe(200);
  const me = await request.get("/api/v1/me");
  expect(me.status(), await me.text()).toBe(200);
  expect(await me.json()).toMatchObject({ workspace: { name: "Demo workspace" }, actor: { type: "user", role: "owner" } });
  await request.storageState({ path: OWNER_STATE });
});
