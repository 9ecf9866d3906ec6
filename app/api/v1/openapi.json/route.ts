import { publicRoute, json } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = publicRoute(async () => json(openApiDocument()));
