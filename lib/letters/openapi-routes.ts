// The OpenAPI description of the decision letter download, listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));

export const LETTER_ROUTES: RouteConfig[] = [
  {
    method: "get",
    path: "/cases/{id}/decision-letter",
    summary:
      "The case's latest decision letter (a DENY): a signed PDF in Chinese and English with the reason, the items not met and how to appeal. Whoever may see the case may download it; 404 DECISION_LETTER_NOT_FOUND until the outbox has issued it",
    request: { params: z.object({ id: z.string() }) },
    responses: { "200": { description: "application/pdf (PAdES signature by the portal key, like certificates)" }, ...errors(401, 403, 404) },
  },
];
