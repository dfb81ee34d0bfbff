import { expect, test, type Page } from "@playwright/test";
import { apiCall, canvasNodes, OWNER, shot } from "./helpers";

// Drafts and the live version: a save on an active automation is a draft until it is published,
// publishing is held back by what activation checks, and unsaved edits survive a stray click.

const say = (word: string, extra: Record<string, unknown> = {}) => ({
  steps: [{ key: "say", type: "action", action_kind: "transform", inputs: { expression: "$inputs.word", word }, ...extra }],
});

/** The version the run an event starts ran: what the triggers run. */
async function eventRunVersion(page: Page, name: string) {
  const emitted = await apiCall<{ runs: { run_id: string }[] }>(page, "POST", "/events", { name, payload: {} });
  expect(emitted.runs).toHaveLength(1);
  return (await apiCall<{ version: number }>(page, "GET", `/runs/${emitted.runs[0]!.run_id}`)).version;
}

test("[PUBLISH] a save on an active automation stays a draft until it is published", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Greeting", definition: say("hello") });
  await apiCall(page, "POST", `/automations/${a.id}/activate`, {});
  const event = `greeting.${a.id}`;
  await apiCall(page, "POST", `/automations/${a.id}/triggers`, { kind: "event", event_name: event });

  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(1);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await page.getByLabel("Select a step to edit").selectOption("say");
  await page.getByLabel("word").fill("good morning");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await expect(page.getByTestId("live-status")).toHaveText("Live: v1 · Draft: v2 (1 change)");
  await shot(page, "50-draft-ahead-of-live");
  expect(await eventRunVersion(page, event)).toBe(1);

  // Run now on the draft says what it does, and offers the live version.
  await page.getByRole("button", { name: "Run now" }).click();
  const run = page.getByRole("dialog", { name: "Run now" });
  await expect(run.getByRole("note")).toContainText("v2 is a draft. Running it executes its steps for real");
  await shot(page, "51-run-now-draft");
  await run.getByLabel("Live v1").check();
  await expect(run).toContainText("Runs the live version, v1");
  await run.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: "Publish v2" });
  await expect(publish).toContainText("Publishing makes v2 the live version");
  await expect(publish).toContainText("instead of v1");
  await expect(publish).toContainText("Everything checks out.");
  await shot(page, "52-publish");
  await publish.getByRole("button", { name: "Publish v2" }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  expect(await eventRunVersion(page, event)).toBe(2);
});

test("[PUBLISH] publishing is refused while a flagged step is not reviewed; a review marked on unsaved edits is saved with them", async ({ page }) => {
  const other = { key: "other", type: "action", action_kind: "transform", inputs: { expression: "$inputs.word", word: "hi" } };
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Refund note", definition: { steps: [...say("thanks").steps, other] } });
  await apiCall(page, "POST", `/automations/${a.id}/activate`, {});
  // A suggested template (as the crystallizer makes) needs review before it goes live.
  await apiCall(page, "PATCH", `/automations/${a.id}`, {
    base_version: 1,
    definition: { steps: [...say("thanks", { templates: [{ input_path: "/word", template: "thanks, {{ 'Jane' }}", inferred: "value" }] }).steps, other] },
    message: "suggested",
  });

  await page.goto(`/automations/${a.id}`);
  await expect(page.getByTestId("live-status")).toHaveText("Live: v1 · Draft: v2 (1 change, 1 to review)");
  await page.getByRole("button", { name: "Publish" }).click();
  const publish = page.getByRole("dialog", { name: "Publish v2" });
  const blockers = publish.getByRole("list", { name: "Blockers" });
  await expect(blockers).toContainText("Not reviewed");
  await expect(blockers).toContainText("say:");
  await expect(publish.getByRole("button", { name: "Publish v2" })).toBeDisabled();
  await shot(page, "53-publish-blocked");
  await publish.getByRole("button", { name: "Cancel" }).click();
  expect((await apiCall<{ live_version: number }>(page, "GET", `/automations/${a.id}`)).live_version).toBe(1);

  // An unsaved edit elsewhere, then the review: it is one more edit, saved with the others.
  await page.getByLabel("Select a step to edit").selectOption("other");
  await page.getByLabel("word").fill("hello");
  await page.getByLabel("Select a step to edit").selectOption("say");
  const panel = page.getByRole("complementary", { name: "Step say" });
  await panel.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(panel.getByRole("region", { name: "Review" })).toContainText("Reviewed · saved with your changes");
  await expect(page.getByTestId("nondeterministic-count")).toHaveText("1 flagged · all reviewed");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v3");
  // The panel stays open on the step across the save.
  await expect(panel.getByRole("region", { name: "Review" })).toContainText(`Reviewed by ${OWNER.name} · `);
  await expect(page.getByTestId("live-status")).toHaveText("Live: v1 · Draft: v3 (2 changes)");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("dialog", { name: "Publish v3" })).toContainText("Everything checks out.");
});

test("[PUBLISH] unsaved edits are guarded when a sidebar link is clicked", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Guarded", definition: say("hello") });
  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(1);
  await page.getByLabel("Select a step to edit").selectOption("say");
  await page.getByLabel("word").fill("bye");
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");

  const runs = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" });
  await runs.click();
  const ask = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(ask).toContainText("Your changes to Guarded are not saved");
  await shot(page, "54-unsaved-guard");
  await ask.getByRole("button", { name: "Stay" }).click();
  await expect(page).toHaveURL(new RegExp(`/automations/${a.id}$`));
  await expect(page.getByLabel("word")).toHaveValue("bye");

  await runs.click();
  await ask.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/runs$/);
});

/** Opens an automation from the list, so the editor sits on an in-app history entry with the list behind it. */
async function openFromList(page: Page, name: string, id: string) {
  await page.goto("/automations");
  await page.getByLabel("Search automations").fill(name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/automations/${id}$`));
  await expect(canvasNodes(page)).toHaveCount(1);
}

/** The guard's own step back off its history entry (after a save or an undo) has landed. */
const guardEntryGone = (page: Page) => expect.poll(() => page.evaluate(() => (history.state as Record<string, unknown> | null)?.__leaveGuard === true)).toBe(false);

test("[PUBLISH] unsaved edits are guarded on the browser's Back; Leave then goes back", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Guarded on Back", definition: say("hello") });
  await openFromList(page, "Guarded on Back", a.id);
  await page.getByLabel("Select a step to edit").selectOption("say");
  await page.getByLabel("word").fill("bye");
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");

  const ask = page.getByRole("dialog", { name: "Leave without saving?" });
  await page.goBack();
  await expect(ask).toContainText("Your changes to Guarded on Back are not saved");
  await ask.getByRole("button", { name: "Stay" }).click();
  await expect(ask).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/automations/${a.id}$`));
  await expect(page.getByLabel("word")).toHaveValue("bye");
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");

  // Held back again, then Leave reaches the list behind the editor, not the editor's own entry.
  await page.goBack();
  await ask.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/automations$/);
  await expect(page.getByRole("heading", { name: "Automations" })).toBeVisible();
  // The edits were dropped, not saved.
  expect((await apiCall<{ version: number }>(page, "GET", `/automations/${a.id}`)).version).toBe(1);
});

test("[PUBLISH] once edits are undone or saved, one Back leaves the editor", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Back after save", definition: say("hello") });
  await openFromList(page, "Back after save", a.id);
  await page.getByLabel("Select a step to edit").selectOption("say");
  await page.getByRole("button", { name: "Delete step" }).click();
  await expect(canvasNodes(page)).toHaveCount(0);
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(canvasNodes(page)).toHaveCount(1);
  await expect(page.getByTestId("version")).toHaveText("v1");
  await guardEntryGone(page);
  await page.goBack();
  await expect(page).toHaveURL(/\/automations$/);

  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/automations/${a.id}$`));
  await page.getByLabel("Select a step to edit").selectOption("say");
  await page.getByLabel("word").fill("bye");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await guardEntryGone(page);
  await page.goBack();
  await expect(page).toHaveURL(/\/automations$/);
  await expect(page.getByRole("dialog", { name: "Leave without saving?" })).toHaveCount(0);
});

test("[PUBLISH] at 1280 px the whole toolbar of a draft ahead of live, with a flag to review, is on screen", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Weekly revenue report for the finance team", definition: say("hello") });
  await apiCall(page, "POST", `/automations/${a.id}/activate`, {});
  await apiCall(page, "PATCH", `/automations/${a.id}`, {
    base_version: 1,
    definition: say("thanks", { templates: [{ input_path: "/word", template: "thanks, {{ 'Jane' }}", inferred: "value" }] }),
    message: "suggested",
  });
  await page.goto(`/automations/${a.id}`);
  await expect(page.getByTestId("live-status")).toHaveText("Live: v1 · Draft: v2 (1 change, 1 to review)");
  const toolbar = page.getByRole("toolbar", { name: "Automation" });
  const controls = toolbar.locator("button, a, select");
  await expect(controls).toHaveCount(12);
  for (const control of await controls.all()) await expect(control).toBeInViewport({ ratio: 1 });
  // Nothing makes the page scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await shot(page, "56-toolbar-1280");
});
