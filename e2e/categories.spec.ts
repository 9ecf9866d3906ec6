import { test, expect, contextAs, ROLE_USERS } from "./fixtures";

// Categories are data (docs/domain.md#categories): the secretariat adds 机器人 / Robot with code ROB,
// starts its first scheme as a draft in the scheme editor, and the vendor's wizard lists it (not
// choosable until a scheme of it is in force); the public API lists it; other roles cannot add one.
test("the secretariat adds a category and its first draft scheme; the wizard and the API list it", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.secretariat);
  const page = await ctx.newPage();
  await page.goto("/secretariat/categories");
  await expect(page.getByRole("heading", { name: "Terminal categories" })).toBeVisible();
  await expect(page.getByTestId("category-phone")).toContainText("PHONE");

  const add = page.getByRole("form", { name: "Add a category" });
  // A malformed code is refused by its code, in the browser and on the server alike.
  await add.getByLabel("Key").fill("robot");
  await add.getByLabel("Chinese name").fill("机器人");
  await add.getByLabel("English name").fill("Robot");
  await add.getByLabel("Certificate code").fill("rob");
  await add.getByRole("button", { name: "Add category" }).click();
  await expect(add.getByText("A certificate code is 2–10 upper-case letters or digits, starting with a letter.")).toBeVisible();
  await add.getByLabel("Certificate code").fill("ROB");
  await add.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByTestId("add-category-message-ok")).toContainText("Category robot added");
  await expect(page.getByTestId("category-robot")).toContainText("机器人");
  await expect(page.getByTestId("category-robot")).toContainText("No scheme yet");

  // The same code again: refused, named on the field.
  await add.getByLabel("Key").fill("robot_two");
  await add.getByLabel("Chinese name").fill("机器人二");
  await add.getByLabel("English name").fill("Robot two");
  await add.getByLabel("Certificate code").fill("ROB");
  await add.getByRole("button", { name: "Add category" }).click();
  // Named on the field and in the form's line.
  await expect(add.getByText("The certificate code ROB is already used by another category.")).toHaveCount(2);

  // Its first scheme: a draft copied from phone 2026.1, opened in the scheme editor.
  const first = page.getByRole("form", { name: "First scheme for 机器人 / Robot" });
  await first.getByLabel("Copy items from").selectOption("phone@2026.1");
  await first.getByLabel("Version").fill("2026.1");
  await first.getByRole("button", { name: "Start draft scheme" }).click();
  await expect(page).toHaveURL(/\/secretariat\/schemes\/robot\/2026\.1$/);
  await expect(page.getByTestId("scheme-status")).toHaveText("draft");
  await page.goto("/secretariat/categories");
  await expect(page.getByTestId("category-robot")).toContainText("robot 2026.1");

  // The vendor's wizard lists it, named from the table, not yet choosable; the page is the secretariat's.
  const vendor = await contextAs(browser, ROLE_USERS.vendor);
  const v = await vendor.newPage();
  await v.goto("/apply");
  const option = v.getByTestId("category-option-robot");
  await expect(option).toContainText("Robot");
  await expect(option.getByRole("radio")).toBeDisabled();
  await expect(v.getByTestId("category-option-phone").getByRole("radio")).toBeEnabled();
  expect((await v.goto("/secretariat/categories"))?.status()).toBe(404);
  await vendor.close();

  // The public API, without signing in.
  const res = await page.request.get("/api/v1/categories", { headers: { cookie: "" } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { categories: { key: string; nameZh: string; nameEn: string; certificateCode: string }[] };
  expect(body.categories.at(-1)).toMatchObject({ key: "robot", nameZh: "机器人", nameEn: "Robot", certificateCode: "ROB" });
  await ctx.close();
});

test("the categories page in Chinese at 375 px: nothing wider than the screen", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.secretariat, "zh-CN");
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/secretariat/categories");
  await expect(page.getByRole("heading", { name: "终端类别" })).toBeVisible();
  await expect(page.getByRole("form", { name: "添加类别" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await ctx.close();
});
