// The portal's signing key, from configuration (P12) or, in development and demo, generated under data/keys.
import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { loadSigningKey, type SigningKey } from "./signing/keys";

export function getPortalSigningKey(): Promise<SigningKey> {
  const e = env();
  return loadSigningKey({
    p12Path: e.ZHIJI_SIGNING_P12_PATH,
    p12Base64: e.ZHIJI_SIGNING_P12_BASE64,
    passphrase: e.ZHIJI_SIGNING_P12_PASSPHRASE,
    caPemPath: e.ZHIJI_SIGNING_CA_PEM_PATH,
    devKeysDir: path.join(e.dataDir, "keys"),
    allowDevKeys: e.NODE_ENV !== "production" || e.ZHIJI_ALLOW_DEMO === "1",
    logger: (line) => console.log(line),
  });
}
