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

test("[CANVAS] a long session opens as groups of its steps, each opened in a click, or every step on request", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Long session", definition: chain(150) });
  await page.goto(`/automations/${a.id}`);
  const groups = page.getByTestId("chain-node");
  await expect(groups).toHaveCount(15);
  await expect(groups.first()).toContainText("10 steps");
  await expect(groups.first()).toContainText("step_1 … step_10");
  await shot(page, "71-long-session-groups");

  await groups.first().click();
  await expect(groups).toHaveCount(14);
  await expect(page.locator('.react-flow__node[data-id="step_7"]')).toBeVisible();

  // A step picked from the list inside a closed group opens the group, and its panel.
  await page.getByLabel("Select a step to edit").selectOption("step_95");
  await expect(page.getByRole("complementary", { name: "Step step_95" })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="step_95"]')).toBeVisible();
  await expect(groups).toHaveCount(13);

  await page.getByRole("button", { name: "Show every step" }).click();
  await expect(groups).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Group long chains (15 groups)" })).toBeVisible();
});

test("[CANVAS] a graph of hundreds of steps opens on its first steps with an overview of all of it, which moves the view", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Four hundred steps", definition: chain(400) });
  await page.goto(`/automations/${a.id}`);
  await page.getByRole("button", { name: "Show every step" }).click();
  const map = page.getByTestId("minimap");
  // Every step and the trigger are on the map, though only the first steps are drawn on the canvas.
  await expect(map).toHaveAttribute("data-drawn", "401");
  await expect(page.locator('.react-flow__node[data-id="step_1"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="step_400"]')).toHaveCount(0);
  await shot(page, "72-long-graph-overview");

  // A click at the bottom of the map (the graph ends 6 px above its edge) brings the last steps into view.
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 6);
  await expect(page.locator('.react-flow__node[data-id="step_400"]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="step_1"]')).toHaveCount(0);
});

test("[CANVAS] an undone edit can be redone: the inputs' JSON view takes the undo without making it an edit", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Undo and redo", definition: chain(2) });
  await page.goto(`/automations/${a.id}`);
  await page.getByLabel("Select a step to edit").selectOption("step_2");
  await page.getByLabel("expression").fill("$count($)");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("expression")).toHaveValue("$");
  await expect(page.getByTestId("version")).toHaveText("v1");
  await expect(page.getByRole("button", { name: "Redo" })).toBeEnabled();
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByLabel("expression")).toHaveValue("$count($)");
  await expect(page.getByTestId("version")).toHaveText("v1 · unsaved changes");
});

test("[CANVAS] a step opened at the canvas's right edge stays in view when its panel narrows the canvas; a small graph's overview is a click away", async ({ page }) => {
  // One step fanning out to eight: a row wider than what is left beside the step panel.
  const fan = {
    steps: [
      { key: "source", type: "action", action_kind: "transform", inputs: { expression: "$", data: [1, 2] }, depends_on: [], bindings: [] },
      ...Array.from({ length: 8 }, (_, i) => ({
        key: `branch_${i + 1}`,
        type: "action",
        action_kind: "transform",
        inputs: { expression: "$count($)", data: null },
        depends_on: ["source"],
        bindings: [{ input_path: "/data", from_step: "source", output_path: "" }],
      })),
    ],
  };
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Wide fan", definition: fan });
  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(9);
  // The step drawn furthest right, wherever the layout put it.
  const xs = await Promise.all(Array.from({ length: 8 }, async (_, i) => ({ key: `branch_${i + 1}`, x: (await page.locator(`.react-flow__node[data-id="branch_${i + 1}"]`).boundingBox())!.x })));
  const right = xs.reduce((a, b) => (b.x > a.x ? b : a)).key;
  const last = page.locator(`.react-flow__node[data-id="${right}"]`);
  await expect(last).toBeInViewport();
  const before = (await last.boundingBox())!;

  await last.click();
  const panel = page.getByRole("complementary", { name: `Step ${right}` });
  await expect(panel).toBeVisible();
  // The canvas pans the step out from under the panel, at the same zoom.
  await expect(async () => {
    const [node, side] = [(await last.boundingBox())!, (await panel.boundingBox())!];
    expect(node.x + node.width).toBeLessThanOrEqual(side.x);
    expect(node.x).toBeGreaterThanOrEqual(0);
  }).toPass();
  // At the zoom it had (the first fit may still settle by a pixel or so): not a close-up of the step.
  expect(Math.abs((await last.boundingBox())!.width - before.width) / before.width).toBeLessThan(0.05);
  await shot(page, "74-selected-step-kept-in-view");

  // A graph this small opens without the overview, which is a click away.
  await expect(page.getByTestId("minimap")).toHaveCount(0);
  await page.getByRole("button", { name: "Show the overview" }).click();
  await expect(page.getByTestId("minimap")).toHaveAttribute("data-drawn", "10");
  await shot(page, "75-small-graph-overview");
  await page.getByRole("button", { name: "Hide the overview" }).click();
  await expect(page.getByTestId("minimap")).toHaveCount(0);
});
