import fs from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * Debian's Chromium: its headless shell when installed (the same Blink without the browser's UI and
 * GPU process, what Playwright itself uses headless; about half the CPU per test on this machine),
 * else the browser. CHROMIUM_PATH overrides both (README, "Tests").
 */
function chromium(): string {
  const shell = "/usr/bin/chromium-headless-shell";
  return fs.existsSync(shell) ? shell : "/usr/bin/chromium";
}

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Spec files run side by side (tests inside a file stay in order); E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromium(),
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    locale: "en-US",
    // As a browser does on every write: API writes with a session cookie need the portal's own Origin (lib/api/same-origin.ts).
    extraHTTPHeaders: { origin: BASE_URL },
    trace: "retain-on-failure",
  },
  webServer: {
    // A fresh database with the demo data, built when needed, served by `next start`.
    command: `npx tsx scripts/demo.ts --fresh`,
    env: {
      ZHIJI_DATA_DIR: process.env.E2E_DATA_DIR ?? "data/e2e",
      PORT: String(PORT),
      ZHIJI_PUBLIC_URL: BASE_URL,
      // Institutional sign-in against the local OIDC provider e2e/oidc.spec.ts starts on PORT + 200;
      // the portal contacts it only when someone chooses that sign-in.
      ZHIJI_OIDC_ISSUER: `http://localhost:${PORT + 200}`,
      ZHIJI_OIDC_CLIENT_ID: "zhiji-e2e",
      ZHIJI_OIDC_CLIENT_SECRET: "zhiji-e2e-client-secret",
    },
    url: `${BASE_URL}/signin`,
    // The first start builds the portal: a few minutes on a busy 2-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
