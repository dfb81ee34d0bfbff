import { defineConfig } from "@playwright/test";

// Browser tests against a production build on a fresh database, in Debian's Chromium.
const PORT = Number(process.env.E2E_PORT || 3311);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    // The journey signs up the first user, who owns the demo workspace; the rest reuse that session.
    { name: "journey", testMatch: /journey\.spec\.ts/ },
    { name: "features", testMatch: /(features|access)\.spec\.ts/, dependencies: ["journey"], use: { storageState: "test-results/e2e-owner.json" } },
    // Upload limits over real HTTP; signs in with the bootstrap key, so it needs no journey.
    { name: "ingest", testMatch: /ingest-limits\.spec\.ts/ },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/api/v1/sources`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
