import { defineConfig } from "@playwright/test";
import { OWNER_STATE } from "./e2e/helpers";

// Browser tests against a production build on a fresh database, in Debian's Chromium.
const PORT = Number(process.env.E2E_PORT || 3311);
// The journey needs an installation nobody has signed up to yet, so it gets a server of its own.
const JOURNEY_PORT = PORT + 1;

const server = (port: number) => ({
  command: "node --import tsx scripts/e2e-server.ts",
  url: `http://127.0.0.1:${port}/api/v1/sources`,
  env: { E2E_PORT: String(port) },
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
});

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
    // The whole product journey, its owner signed up through the sign-up page, on its own fresh server.
    { name: "journey", testMatch: /journey\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${JOURNEY_PORT}` } },
    // Signs the first user (the demo workspace's owner) up through the HTTP API, for the feature tests.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "features", testMatch: /(features|access|templates)\.spec\.ts/, dependencies: ["setup"], use: { storageState: OWNER_STATE } },
    // Upload limits and webhook deliveries over real HTTP; signs in with the bootstrap key, so it needs no user.
    { name: "ingest", testMatch: /(ingest-limits|webhook-listener)\.spec\.ts/ },
  ],
  webServer: [server(PORT), server(JOURNEY_PORT)],
});
