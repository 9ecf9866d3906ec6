// The demo data of docs/domain.md#demo-data: organisations, users (password zhiji-demo-2026), a pilot, and one
// published scheme per category. Idempotent.
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/permissions";
import { hashPassword } from "@/lib/auth/password";
import { SEEDED_SCHEMES } from "@/lib/grading/schemes";
import { REVISED_BASED_ON, REVISED_SCHEMES } from "@/lib/grading/schemes/revised";
import {
  ensureAccreditation,
  ensureAffiliation,
  ensureOrganization,
  ensurePilot,
  ensureProposedScheme,
  ensurePublishedScheme,
  ensureUser,
} from "./factories";

export const DEMO_PASSWORD = "zhiji-demo-2026";
export const DEMO_PILOT = "2026 National Pilot";

export const DEMO_USERS: { email: string; name: string; role: Role; org: string }[] = [
  { email: "vendor-a@demo.zhiji", name: "Chen Wei (Vendor A)", role: "vendor", org: "Vendor A" },
  { email: "vendor-b@demo.zhiji", name: "Li Na (Vendor B)", role: "vendor", org: "Vendor B" },
  { email: "lab-1@demo.zhiji", name: "Wang Fang (Lab One)", role: "lab", org: "Lab One" },
  { email: "lab-2@demo.zhiji", name: "Zhao Lei (Lab Two)", role: "lab", org: "Lab Two" },
  { email: "expert-1@demo.zhiji", name: "Prof. Sun Hao", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-2@demo.zhiji", name: "Dr. Zhou Min", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-3@demo.zhiji", name: "Dr. Wu Jie", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-4@demo.zhiji", name: "Prof. Xu Yan", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-5@demo.zhiji", name: "Dr. Ma Lin", role: "expert", org: "AI Terminal Working Group" },
  // Enough independent experts for a second panel of none of the first's members (an upheld appeal
  // on a Vendor A case): docs/domain.md#due-process.
  { email: "expert-6@demo.zhiji", name: "Prof. Hu Jun", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-7@demo.zhiji", name: "Dr. Guo Rui", role: "expert", org: "AI Terminal Working Group" },
  { email: "expert-8@demo.zhiji", name: "Prof. Lin Xue", role: "expert", org: "AI Terminal Working Group" },
  { email: "secretariat@demo.zhiji", name: "Secretariat (Gao Jing)", role: "secretariat", org: "AI Terminal Working Group" },
  { email: "ministry-1@demo.zhiji", name: "Ministry (Liu Qiang)", role: "ministry", org: "Ministry of Industry" },
  { email: "ministry-2@demo.zhiji", name: "Ministry (He Ping)", role: "ministry", org: "Ministry of Industry" },
  { email: "admin@demo.zhiji", name: "Portal administrator", role: "admin", org: "Zhiji Operations" },
];

export async function seedDemo(database: Db) {
  const orgs = {
    "Vendor A": await ensureOrganization(database, { name: "Vendor A", nameZh: "甲终端公司", kind: "vendor" }),
    "Vendor B": await ensureOrganization(database, { name: "Vendor B", nameZh: "乙终端公司", kind: "vendor" }),
    "Lab One": await ensureOrganization(database, { name: "Lab One", nameZh: "第一检测实验室", kind: "lab" }),
    "Lab Two": await ensureOrganization(database, { name: "Lab Two", nameZh: "第二检测实验室", kind: "lab" }),
    "AI Terminal Working Group": await ensureOrganization(database, {
      name: "AI Terminal Working Group",
      nameZh: "人工智能终端工作组",
      kind: "working_group",
    }),
    "Ministry of Industry": await ensureOrganization(database, { name: "Ministry of Industry", nameZh: "工业和信息化主管部门", kind: "ministry" }),
    "Zhiji Operations": await ensureOrganization(database, { name: "Zhiji Operations", nameZh: "智级平台运营", kind: "operator" }),
  };
  const users: Record<string, { id: string }> = {};
  // Every demo user has the same password: hashed once (bcrypt costs ~0.1 s a hash), only when a user is missing.
  let shared: Promise<string> | undefined;
  const hashOnce = (plain: string) => (shared ??= hashPassword(plain));
  for (const u of DEMO_USERS) {
    users[u.email] = await ensureUser(
      database,
      { email: u.email, name: u.name, role: u.role, organizationId: orgs[u.org as keyof typeof orgs].id, password: DEMO_PASSWORD, isDemo: true },
      hashOnce,
    );
  }
  // expert-5 also works for Vendor A: never on Vendor A's panels.
  await ensureAffiliation(database, users["expert-5@demo.zhiji"].id, orgs["Vendor A"].id, "Technical advisor to Vendor A");

  const from = new Date("2026-01-01T00:00:00Z");
  const until = new Date("2028-12-31T00:00:00Z");
  for (const s of SEEDED_SCHEMES) {
    await ensurePublishedScheme(database, s);
    await ensureAccreditation(database, { labOrgId: orgs["Lab One"].id, category: s.category, validFrom: from, validUntil: until });
  }
  for (const category of ["phone", "pc", "tv"]) {
    await ensureAccreditation(database, { labOrgId: orgs["Lab Two"].id, category, validFrom: from, validUntil: until });
  }
  const pilot = await ensurePilot(database, {
    name: DEMO_PILOT,
    nameZh: "2026年全国试点",
    startsAt: new Date("2026-03-01T00:00:00Z"),
  });
  return { orgs, users, pilot };
}

/**
 * The revised schemes (2026.2) as proposed versions open for comments for 30 days: not published,
 * so cases, the demo world and the browser tests keep using 2026.1. Called by `npm run demo` and
 * `npm run db:seed` after seedDemo; the test world (test/world.ts) leaves them out. Idempotent.
 */
export async function seedProposedRevisions(database: Db, now = new Date()) {
  for (const s of REVISED_SCHEMES) {
    await ensureProposedScheme(database, s, { basedOn: REVISED_BASED_ON, now, commentDays: 30 });
  }
}
