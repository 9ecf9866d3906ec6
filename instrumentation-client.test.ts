// instrumentation-client.ts sets zod's jitless option without importing zod (the browser's root
// scripts stay free of it); zod must see the setting, whether it was loaded before or after.
import { describe, expect, it } from "vitest";

describe("instrumentation-client", () => {
  it("makes zod parse jitless", async () => {
    await import("./instrumentation-client");
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    const { globalConfig } = await import("zod/v4/core");
    expect(globalConfig.jitless).toBe(true);
  });
});
