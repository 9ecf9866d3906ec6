import { publicRoute, json } from "@/lib/api/handler";
import { listCategories } from "@/lib/categories";

// Public: the terminal categories (docs/domain.md#categories), in display order, with their names
// in both languages and the certificate code their certificate numbers carry.
export const GET = publicRoute(async () => json({ categories: await listCategories() }));
