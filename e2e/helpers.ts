import { expect, type Page } from "@playwright/test";

export const SCREENSHOTS = "e2e/screenshots";
export const OWNER = { name: "Ada Owner", email: "ada@example.test", password: "correct horse battery" };
export const ADMIN_KEY = "e2e-admin-key";
/** The owner's signed-in session, saved by auth.setup.ts for the feature tests. */
export const OWNER_STATE = "test-results/e2e-owner.json";

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: false });
}

/** Calls the API with the bootstrap admin key, for setup the test is not about. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** The steps drawn on the canvas (the trigger node is not a step). */
export const canvasNodes = (page: Page) => page.locator(".react-flow__node:not(.react-flow__node-trigger)");
/** The edges between steps: the trigger's arrows into the first steps are not data flow. */
export const canvasEdges = (page: Page) => page.locator(".react-flow__edge:not(.trigger-edge)");
