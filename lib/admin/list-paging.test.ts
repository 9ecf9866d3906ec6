// Paging, sorting and totals of the admin lists (and the registry's bounds) on the real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { makeOrg, makeSessionUser } from "@/test/users";
import { listUsersPage } from "./list-users";
import { listOrganizationsPage } from "./list-organizations";
import { parseRegistryQuery, searchRegistry } from "@/lib/certificates/registry";

const DB = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite";

let t: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  admin = await makeSessionUser("admin");
  for (let i = 0; i < 11; i++) await makeSessionUser(i % 2 ? "vendor" : "lab");
});
afterAll(async () => t.drop());

describe(`admin lists page and sort on the server (${DB})`, () => {
  it("users: pages of the asked size, the total of all, no user on two pages, every user once", async () => {
    const total = await db().user.count();
    expect(total).toBeGreaterThanOrEqual(12);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 5); page++) {
      const p = await listUsersPage(admin, { page: String(page), size: "5", sort: "email", dir: "asc" });
      expect(p.total).toBe(total);
      expect(p.page).toBe(page);
      expect(p.from).toBe((page - 1) * 5 + 1);
      expect(p.rows.length).toBe(Math.min(5, total - (page - 1) * 5));
      seen.push(...p.rows.map((u) => u.email));
    }
    const all = (await db().user.findMany({ select: { email: true } })).map((u) => u.email);
    expect(seen).toEqual([...all].sort());
    // Never a password hash in a row.
    expect(Object.keys((await listUsersPage(admin, {})).rows[0])).not.toContain("passwordHash");
  });

  it("users: newest first by default, and each sortable column in both directions", async () => {
    const first = await listUsersPage(admin, {});
    const created = first.rows.map((u) => u.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const desc = await listUsersPage(admin, { sort: "email", dir: "desc", size: "100" });
    expect(desc.rows.map((u) => u.email)).toEqual(desc.rows.map((u) => u.email).sort().reverse());
    const byRole = await listUsersPage(admin, { sort: "role", size: "100" });
    expect(byRole.rows.map((u) => u.role)).toEqual(byRole.rows.map((u) => u.role).sort());
  });

  it("users: hostile parameters cost no more than the defaults and never fail", async () => {
    const total = await db().user.count();
    const p = await listUsersPage(admin, { page: "99999999", size: "1000000", sort: "passwordHash", dir: "up" });
    expect(p).toMatchObject({ size: 25, sort: "created", dir: "desc", total, page: Math.ceil(total / 25) });
    const neg = await listUsersPage(admin, { page: "-2", size: "NaN" });
    expect(neg).toMatchObject({ page: 1, size: 25 });
  });

  it("organisations: totals, page 2, sort by users count, and the permission check stays", async () => {
    const big = await makeOrg("vendor");
    for (let i = 0; i < 3; i++) await makeSessionUser("vendor", { organizationId: big.id });
    const total = await db().organization.count();
    const p1 = await listOrganizationsPage(admin, { size: "4", sort: "name" });
    const p2 = await listOrganizationsPage(admin, { size: "4", sort: "name", page: "2" });
    expect(p1.total).toBe(total);
    expect(p2).toMatchObject({ total, page: 2, from: 5 });
    const names = [...p1.rows, ...p2.rows].map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort());
    const byUsers = await listOrganizationsPage(admin, { sort: "users", dir: "desc", size: "1" });
    expect(byUsers.rows[0].id).toBe(big.id);
    expect(byUsers.rows[0]._count.users).toBe(3);

    const vendor = await makeSessionUser("vendor");
    await expect(listOrganizationsPage(vendor, {})).rejects.toBeInstanceOf(AppError);
    await expect(listUsersPage(vendor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe(`the public registry's paging bounds (${DB})`, () => {
  it("an unknown sort, a huge size and a negative page are ignored, not a 500", async () => {
    const q = parseRegistryQuery({ sort: 'number" DESC; DROP TABLE "Certificate"; --', size: "100000", page: "-1", dir: "sideways" });
    expect(q).toMatchObject({ sort: "issued", dir: "desc", size: 20, page: 1 });
    for (const sort of ["issued", "validUntil", "number", "level", "vendor"]) {
      for (const dir of ["asc", "desc"]) {
        const r = await searchRegistry(parseRegistryQuery({ sort, dir }));
        expect(r).toMatchObject({ total: await db().certificate.count(), page: 1, sort, dir });
      }
    }
  });
});
