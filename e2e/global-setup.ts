import { request, type FullConfig } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { apiLogin, storageStateFor } from "./fixtures";

// Every demo user signs in once; specs pick the saved session of the role they act as.
const EMAILS = [
  "vendor-a@demo.zhiji", "vendor-b@demo.zhiji", "lab-1@demo.zhiji", "lab-2@demo.zhiji",
  "expert-1@demo.zhiji", "expert-2@demo.zhiji", "expert-3@demo.zhiji", "expert-4@demo.zhiji", "expert-5@demo.zhiji",
  "expert-6@demo.zhiji", "expert-7@demo.zhiji", "expert-8@demo.zhiji",
  "secretariat@demo.zhiji", "ministry-1@demo.zhiji", "ministry-2@demo.zhiji", "admin@demo.zhiji",
];

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  fs.mkdirSync(path.dirname(storageStateFor("x")), { recursive: true });
  for (const email of EMAILS) {
    const ctx = await request.newContext({ baseURL });
    const r = await apiLogin(ctx, email);
    if (!r.ok) throw new Error(`global setup: ${email} could not sign in (status ${r.status})`);
    await ctx.storageState({ path: storageStateFor(email) });
    await ctx.dispose();
  }
}
