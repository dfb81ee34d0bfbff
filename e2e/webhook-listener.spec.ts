import { expect, test } from "@playwright/test";
import { ADMIN_KEY } from "./helpers";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { addOneChain } from "../tests/add-one-chain";

// Webhook deliveries against the production server, where a Node listener in front of Next
// answers them itself (lib/bootstrap/fast-routes.ts): the same answers, errors, limits and security
// headers as every other API route, and everything it does not serve still reaches Next.

const auth = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

test("[HOOKS] a signed delivery runs at once and answers with the run's output; the listener keeps the API's errors and headers", async ({ request }) => {
  const created = await request.post("/api/v1/automations", { headers: auth, data: { name: "Listener chain", definition: addOneChain(3) } });
  expect(created.status(), await created.text()).toBe(201);
  const automation = await created.json();
  expect((await request.post(`/api/v1/automations/${automation.id}/activate`, { headers: auth, data: {} })).status()).toBe(200);
  const trigger = await (await request.post(`/api/v1/automations/${automation.id}/triggers`, { headers: auth, data: { kind: "webhook" } })).json();
  const send = (body: string, query = "?wait=20", signature = signWebhook(trigger.secret, body)) =>
    request.post(`/api/v1/hooks/${trigger.id}${query}`, { headers: { "content-type": "application/json", "x-crystallize-signature": signature }, data: body });

  // Signed once: the signature's timestamp is in seconds, and a replay must be the same request.
  const body = JSON.stringify({ start: 4, nonce: "first" });
  const signature = signWebhook(trigger.secret, body);
  const res = await send(body, "?wait=20", signature);
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "succeeded", replayed: false, output: { s3: 7 } });
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(res.headers()["x-frame-options"]).toBe("DENY");

  // The same signed request again is a replay: no second run.
  const again = await send(body, "?wait=20", signature);
  expect(await again.json()).toMatchObject({ run_id: (await res.json()).run_id, replayed: true });

  // Errors take the one JSON shape, naming the field.
  const badWait = await send(JSON.stringify({ start: 1, nonce: "bad-wait" }), "?wait=99");
  expect(badWait.status()).toBe(422);
  expect((await badWait.json()).error.message).toContain("query.wait");
  const unsigned = await send(JSON.stringify({ start: 1 }), "", "t=1,v1=00");
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error.code).toBe("unauthorized");
  // The body limit holds on the stream the listener hands over.
  const huge = JSON.stringify({ start: 1, pad: "x".repeat(2 * 1024 * 1024) });
  const tooLarge = await send(huge);
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error.code).toBe("payload_too_large");

  // A method the listener does not serve still gets Next's JSON 405.
  const wrongMethod = await request.get(`/api/v1/hooks/${trigger.id}`);
  expect(wrongMethod.status()).toBe(405);
  expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");
});
