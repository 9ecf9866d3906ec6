import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { listCases } from "@/lib/cases/list-cases";
import { createCase } from "@/lib/cases/create-case";
import { getCase } from "@/lib/cases/get-case";
import { AppError } from "@/lib/errors";

export const GET = userRoute(async (req, user) => {
  const q = new URL(req.url).searchParams;
  const take = q.get("take") ? Number(q.get("take")) : undefined;
  if (take !== undefined && (!Number.isInteger(take) || take < 1)) throw new AppError("INVALID_INPUT", "take must be a positive whole number", { take: "invalid" });
  return json({
    cases: await listCases(user, {
      state: q.get("state") ?? undefined,
      pilotId: q.get("pilotId") ?? undefined,
      category: q.get("category") ?? undefined,
      take,
    }),
  });
});

export const POST = userRoute(async (req, user) => {
  const body = await readJsonBody(req);
  const created = await createCase(user, body);
  return json(await getCase(user, created.id), 201);
});
