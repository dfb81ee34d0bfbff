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
  await expect(items.getByRole("group", { name: "Item 10 detail" }).getByRole("alert")).toContainText("item 10: input /id is bound to the item's /id, which it lacks");
  await shot(page, "25-loop-failed-items");
});
