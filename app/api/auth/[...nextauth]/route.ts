import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth reads the options per request, so configuration is validated when first used.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions(req))(req, { params: await ctx.params });
}
export { handler as GET, handler as POST };
