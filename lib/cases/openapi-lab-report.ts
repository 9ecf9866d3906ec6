// The OpenAPI description of the lab's test report PDF (docs/domain.md#lab-evidence), listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));

export const LAB_REPORT_ROUTES: RouteConfig[] = [
  {
    method: "get",
    path: "/cases/{id}/lab-report/pdf",
    summary:
      "The case's latest submitted lab report as a one-page PDF in Chinese and English, drawn from its envelope (report number, sample serials, build fingerprint, software version and models, test dates, environment, signatory) and its results with U, n and each item's verdict. Whoever may see the case may download it; 404 LAB_REPORT_NOT_FOUND before a report is submitted",
    request: { params: z.object({ id: z.string() }) },
    responses: { "200": { description: "application/pdf" }, ...errors(401, 403, 404) },
  },
];
