import { expect, test } from "@playwright/test";
import { apiCall, canvasNodes, shot } from "./helpers";

// A step that runs once per item of an upstream list is one node that reads as a loop, and its run
// shows how many items are done and each item's own inputs and output.

test("[LOOPS] a for_each step reads as a loop on the canvas, and its run shows each item", async ({ page }) => {
  const reservations = { reservations: [{ id: "R-1" }, { id: "R-2" }, { id: "R-3" }] };
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Confirm reservations",
    definition: {
      steps: [
        { key: "list_reservations", type: "action", action_kind: "transform", inputs: { expression: JSON.stringify(reservations) } },
        {
          key: "confirm",
          name: "Confirm reservation",
          type: "action",
          action_kind: "transform",
          depends_on: ["list_reservations"],
          inputs: { expression: "'confirmed ' & $inputs.id", id: "R-0" },
          for_each: { items: { from_step: "list_reservations", output_path: "/reservations" }, bind: [{ input_path: "/id", item_path: "/id" }], concurrency: 2 },
        },
      ],
    },
  });

  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(2);
  const node = page.locator('[data-step="confirm"]');
  await expect(node).toHaveAttribute("data-loop", "");
  await expect(node).toContainText("for each of /reservations");
  await expect(page.locator(".react-flow__edge-text")).toHaveText("/reservations → each item");
  await page.locator('.react-flow__node[data-id="confirm"]').click();
  const loop = page.getByRole("complementary", { name: "Step confirm" }).getByRole("region", { name: "Loop" });
  await expect(loop).toContainText("for each of list_reservations/reservations");
  await expect(loop).toContainText("/id ← item/id");
  await expect(loop).toContainText("2");
  await shot(page, "22-loop-canvas");

  await page.getByRole("button", { name: "Run now" }).click();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/arun_/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await expect(node.getByTestId("loop-progress")).toHaveText("3/3");
  const steps = page.getByRole("complementary", { name: "Steps" });
  await expect(steps.getByRole("row", { name: /confirm/ })).toContainText("3/3 items");

  await steps.getByRole("button", { name: "confirm" }).click();
  const items = steps.getByRole("region", { name: "Items" });
  await expect(items.getByTestId("loop-summary")).toHaveText("3 / 3 items done");
  await items.getByRole("button", { name: "Item 2, succeeded" }).click();
  const detail = items.getByRole("group", { name: "Item 2 detail" });
  await expect(detail).toContainText('"R-2"');
  await expect(detail).toContainText('"confirmed R-2"');
  await shot(page, "23-loop-run-items");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/automations/${a.id}`);
  await page.locator('.react-flow__node[data-id="confirm"]').click();
  await expect(loop).toBeVisible();
  await shot(page, "24-loop-canvas-dark");
});

test("[LOOPS] a long loop lists its items a page at a time, and its failed items on their own", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  // Every tenth reservation lacks an id, so its item cannot be bound and fails; the step goes on.
  const reservations = Array.from({ length: 150 }, (_, i) => (i % 10 === 9 ? { note: "walk-in" } : { id: `R-${i + 1}` }));
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Confirm many reservations",
    definition: {
      steps: [
        { key: "list_reservations", type: "action", action_kind: "transform", inputs: { expression: JSON.stringify({ reservations }) } },
        {
          key: "confirm",
          type: "action",
          action_kind: "transform",
          depends_on: ["list_reservations"],
          continue_on_error: true,
          inputs: { expression: "'confirmed ' & $inputs.id" },
          for_each: { items: { from_step: "list_reservations", output_path: "/reservations" }, bind: [{ input_path: "/id", item_path: "/id" }], concurrency: 4 },
        },
      ],
    },
  });
  const run = await apiCall<{ id: string }>(page, "POST", `/automations/${a.id}/runs`, { input: {} });

  await page.goto(`/runs/${run.id}`);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  const steps = page.getByRole("complementary", { name: "Steps" });
  await expect(steps.getByRole("row", { name: /confirm/ })).toContainText("135/150 items · 15 failed");
  await steps.getByRole("button", { name: "confirm" }).click();
  const items = steps.getByRole("region", { name: "Items" });
  await expect(items.getByTestId("loop-summary")).toHaveText("135 / 150 items done · 15 failed");
  await expect(items.getByRole("listitem")).toHaveCount(100);
  await items.getByRole("button", { name: "Show 50 more of 50 left" }).click();
  await expect(items.getByRole("listitem")).toHaveCount(150);

  await items.getByLabel("Show items").selectOption("failed");
  await expect(items.getByRole("listitem")).toHaveCount(15);
  await items.getByRole("button", { name: "Item 10, failed" }).click();
  await expect(items.getByRole("group", { name: "Item 10 detail" }).getByRole("alert")).toContainText("input /id is bound to the item's /id, which it lacks");
  await shot(page, "25-loop-failed-items");
});

// Like calls over one list become one loop in the editor, and a loop goes back into one step per
// item. The tools are unknown ones: a step needs no provider to be edited.

const RESERVATIONS = [{ id: "R-7731", city: "Lisbon" }, { id: "R-7732", city: "Porto" }, { id: "R-7733", city: "Faro" }];
/** An agent run that listed the reservations and fetched the first `fetched` of them. */
const reservationsRun = (fetched: number) => ({
  agent: "reservations",
  status: "succeeded",
  input: { task: "Check my upcoming reservations" },
  tool_calls: [
    { id: "c_list", tool: "list_reservations", arguments: { email: "jane.doe@example.com" }, result: { reservations: RESERVATIONS } },
    ...RESERVATIONS.slice(0, fetched).map((r) => ({ id: `c_${r.id}`, tool: "get_reservation", arguments: { reservation_id: r.id, include: "guests" }, result: { id: r.id, nights: 2 } })),
  ],
});

test("[LOOPS] like steps over part of a list become a loop in one click or by picking them, and go back into steps", async ({ page }) => {
  const run = await apiCall<{ id: string }>(page, "POST", "/agents/runs", reservationsRun(2));
  await page.goto(`/history/runs/${run.id}`);
  await page.getByRole("button", { name: "Crystallize" }).click();
  await page.getByRole("dialog", { name: "Crystallize into an automation" }).getByRole("button", { name: "Crystallize" }).click();
  await expect(page).toHaveURL(/\/automations\/auto_/);
  await expect(canvasNodes(page)).toHaveCount(3);

  const suggestions = page.getByRole("region", { name: "Loop suggestions" });
  const suggestion = suggestions.getByRole("listitem").filter({ hasText: "get_reservation_1 and get_reservation_2 read successive items of list_reservations_1/reservations" });
  await expect(suggestion).toBeVisible();
  await shot(page, "26-loop-suggestion");

  await suggestion.getByRole("button", { name: "Make a loop" }).click();
  await expect(canvasNodes(page)).toHaveCount(2);
  await expect(page.locator('[data-step="get_reservation_1"]')).toContainText("for each of /reservations");
  await expect(suggestions).toBeHidden();
  const loop = page.getByRole("complementary", { name: "Step get_reservation_1" }).getByRole("region", { name: "Loop" });
  await expect(loop).toContainText("for each of list_reservations_1/reservations");
  await expect(loop).toContainText("/reservation_id ← item/id");
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");
  await shot(page, "27-loop-made");

  // The loop remembers the calls it was made of: back into steps makes those two again.
  await loop.getByRole("button", { name: "Back into steps" }).click();
  await expect(canvasNodes(page)).toHaveCount(3);
  await expect(page.locator('[data-step="get_reservation_2"]')).toBeVisible();
  await expect(suggestion).toBeVisible();
  // Each is one edit to undo.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(canvasNodes(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(canvasNodes(page)).toHaveCount(3);
  await expect(page.getByTestId("version")).toHaveText("v1");

  // A plain click opens one step, also when it goes back to a step opened before.
  const node = (key: string) => page.locator(`.react-flow__node[data-id="${key}"]`);
  const panels = page.getByRole("complementary", { name: /^Step / });
  await node("get_reservation_1").click();
  await node("list_reservations_1").click();
  await node("get_reservation_1").click();
  await expect(panels).toHaveCount(1);
  await expect(page.getByRole("complementary", { name: "Step get_reservation_1" })).toBeVisible();

  // Shift- or Ctrl-click picks several; steps that are not alike are refused, saying why.
  await node("list_reservations_1").click({ modifiers: ["Shift"] });
  const picked = page.getByRole("group", { name: "Picked steps" });
  await expect(picked.getByTestId("picked-count")).toHaveText("2 steps picked");
  await expect(panels).toHaveCount(0);
  await picked.getByRole("button", { name: "Make a loop (2 steps)" }).click();
  await expect(picked.getByRole("alert")).toHaveText("Can't make a loop: a loop is made of action steps of one tool that do not loop already.");
  await expect(canvasNodes(page)).toHaveCount(3);
  await shot(page, "28-picked-steps-refused");

  await node("list_reservations_1").click({ modifiers: ["ControlOrMeta"] });
  await expect(page.getByRole("complementary", { name: "Step get_reservation_1" })).toBeVisible();
  await node("get_reservation_2").click({ modifiers: ["ControlOrMeta"] });
  await expect(picked.getByTestId("picked-count")).toHaveText("2 steps picked");
  await expect(picked.getByRole("alert")).toBeHidden();
  await picked.getByRole("button", { name: "Make a loop (2 steps)" }).click();
  await expect(canvasNodes(page)).toHaveCount(2);
  await expect(picked).toBeHidden();
  await expect(loop).toBeVisible();

  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("dialog", { name: "Save a new version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await expect(page.locator('[data-step="get_reservation_1"]')).toContainText("for each of /reservations");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await node("get_reservation_1").click();
  await loop.getByRole("button", { name: "Back into steps" }).click();
  await expect(suggestion).toBeVisible();
  await shot(page, "29-loop-suggestion-dark");
});

test("[LOOPS] a crystallized loop goes back into one step per recorded item, and a loop with no count asks for one", async ({ page }) => {
  const run = await apiCall<{ id: string }>(page, "POST", "/agents/runs", reservationsRun(3));
  const made = await apiCall<{ automation: { id: string }; report: { loops: { step: string; items: number }[]; candidate_loops: unknown[] } }>(page, "POST", `/agents/runs/${run.id}/crystallize`, { name: "Reservations" });
  expect(made.report.loops).toMatchObject([{ step: "get_reservation_1", items: 3 }]);
  expect(made.report.candidate_loops).toEqual([]);

  await page.goto(`/automations/${made.automation.id}`);
  await expect(canvasNodes(page)).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Loop suggestions" })).toBeHidden();
  await page.locator('.react-flow__node[data-id="get_reservation_1"]').click();
  const loop = page.getByRole("complementary", { name: "Step get_reservation_1" }).getByRole("region", { name: "Loop" });
  await expect(loop).toContainText("The list had 3 items when it was recorded.");
  await loop.getByRole("button", { name: "Back into steps" }).click();
  await expect(canvasNodes(page)).toHaveCount(4);
  await page.locator('.react-flow__node[data-id="get_reservation_3"]').click();
  await expect(page.getByRole("complementary", { name: "Step get_reservation_3" }).getByRole("region", { name: "Inputs", exact: true })).toContainText("/reservation_id ← list_reservations_1/reservations/2/id");
  await expect(page.getByRole("region", { name: "Loop suggestions" }).getByRole("listitem")).toHaveText(/get_reservation_1, get_reservation_2 and get_reservation_3 read successive items/);
  await shot(page, "30-loop-back-into-steps");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("dialog", { name: "Save a new version" }).getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await expect(canvasNodes(page)).toHaveCount(4);

  // A loop written through the API records neither its list's length nor the calls it came from.
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Confirm reservations (unrecorded)",
    definition: {
      steps: [
        { key: "list_reservations", type: "action", action_kind: "transform", inputs: { expression: JSON.stringify({ reservations: RESERVATIONS }) } },
        {
          key: "confirm",
          type: "action",
          action_kind: "transform",
          depends_on: ["list_reservations"],
          inputs: { expression: "'confirmed ' & $inputs.id" },
          for_each: { items: { from_step: "list_reservations", output_path: "/reservations" }, bind: [{ input_path: "/id", item_path: "/id" }] },
        },
      ],
    },
  });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/automations/${a.id}`);
  await page.locator('.react-flow__node[data-id="confirm"]').click();
  const unrecorded = page.getByRole("complementary", { name: "Step confirm" }).getByRole("region", { name: "Loop" });
  await unrecorded.getByRole("button", { name: "Back into steps" }).click();
  await expect(unrecorded.getByRole("alert")).toHaveText("How many items confirm had is not recorded: say how many steps to make.");
  await expect(canvasNodes(page)).toHaveCount(2);
  const count = unrecorded.getByRole("form", { name: "Steps to make" });
  await count.getByLabel("Steps to make").fill("3");
  await shot(page, "31-loop-count-needed-dark");
  await count.getByRole("button", { name: "Make 3 steps" }).click();
  await expect(canvasNodes(page)).toHaveCount(4);
  await expect(page.locator('.react-flow__node[data-id="confirm_3"]')).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Step confirm" })).toContainText("/id ← list_reservations/reservations/0/id");
});

test("[LOOPS] merging a run says which of its like calls over a list the editor offers as a loop", async ({ page }) => {
  const first = await apiCall<{ id: string }>(page, "POST", "/agents/runs", reservationsRun(2));
  await apiCall(page, "POST", `/agents/runs/${first.id}/crystallize`, { name: "Reservations (merge)" });
  const second = await apiCall<{ id: string }>(page, "POST", "/agents/runs", reservationsRun(2));

  await page.goto(`/history/runs/${second.id}`);
  await page.getByRole("button", { name: "Crystallize" }).click();
  const dialog = page.getByRole("dialog", { name: "Crystallize into an automation" });
  await dialog.getByLabel("Into").selectOption({ label: "Reservations (merge) (v1) — as its next version" });
  await dialog.getByRole("button", { name: "Merge" }).click();
  await expect(dialog.getByRole("status").getByRole("list", { name: "Inferences" })).toHaveText(
    "get_reservation_1 and get_reservation_2 used 2 of 3 items of list_reservations_1/reservations: the editor offers to make them one loop over the whole list.",
  );
  await shot(page, "32-merge-candidate-loop");
});
