import { expect, test } from "@playwright/test";
import { apiCall, canvasNodes, shot } from "./helpers";

// The canvas beyond the steps: what starts a run drawn above them, and an overview of a graph too
// big to read at once.

/** A chain of `n` transforms, each reading the one before. */
const chain = (n: number) => ({
  steps: Array.from({ length: n }, (_, i) => ({
    key: `step_${i + 1}`,
    type: "action",
    action_kind: "transform",
    inputs: { expression: "$", data: null },
    depends_on: i ? [`step_${i}`] : [],
    bindings: i ? [{ input_path: "/data", from_step: `step_${i}`, output_path: "" }] : [],
  })),
});

test("[CANVAS] the trigger is drawn above the first step and opens the triggers; it follows what is set up", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Nightly chain", definition: chain(3) });
  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(3);
  const trigger = page.getByTestId("trigger-node");
  await expect(trigger).toContainText("Manual runs only");
  // Above the first step.
  const [t, first] = [await trigger.boundingBox(), await page.locator('.react-flow__node[data-id="step_1"]').boundingBox()];
  expect(t!.y + t!.height).toBeLessThan(first!.y);

  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "Triggers" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await apiCall(page, "POST", `/automations/${a.id}/triggers`, { kind: "schedule", cron: "0 9 * * *", timezone: "Europe/Paris" });
  await page.reload();
  await expect(trigger).toContainText("Schedule");
  await expect(trigger).toContainText("not active");
  await shot(page, "70-trigger-node");
});

test("[CANVAS] a long graph opens on its first steps with an overview of all of it, which moves the view", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Long session", definition: chain(400) });
  await page.goto(`/automations/${a.id}`);
  const map = page.getByTestId("minimap");
  // Every step and the trigger are on the map, though only the first steps are drawn on the canvas.
  await expect(map).toHaveAttribute("data-drawn", "401");
  await expect(page.locator('.react-flow__node[data-id="step_1"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="step_400"]')).toHaveCount(0);
  await shot(page, "71-long-graph-overview");

  // A click at the bottom of the map brings the last steps into view.
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 8);
  await expect(page.locator('.react-flow__node[data-id="step_400"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="step_1"]')).toHaveCount(0);
});
