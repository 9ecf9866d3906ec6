// The OpenAPI description of the categories route (docs/domain.md#categories), listed in
// lib/api/openapi.ts's EXTRA_ROUTES. The body mirrors lib/categories' Category.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";

const Category = z.object({
  key: z.string().describe("the category's key, as schemes and applications name it (e.g. phone)"),
  nameZh: z.string(),
  nameEn: z.string(),
  certificateCode: z.string().describe("the code in its certificate numbers: AIT-YYYY-<code>-NNNNNN"),
  sortOrder: z.number().int(),
});

export const CATEGORY_ROUTES: RouteConfig[] = [
  {
    method: "get",
    path: "/categories",
    summary: "Public: the terminal categories, in display order, with their names and certificate codes",
    security: [],
    responses: { "200": { description: "OK", content: { "application/json": { schema: z.object({ categories: z.array(Category) }) } } } },
  },
];
