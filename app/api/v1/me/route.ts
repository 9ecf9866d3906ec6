import { userRoute, json } from "@/lib/api/handler";

export const GET = userRoute(async (_req, user) =>
  json({ id: user.id, email: user.email, name: user.name, role: user.role, organization: { id: user.organizationId, name: user.organizationName } }),
);
