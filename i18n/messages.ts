// Messages live in messages/<locale>/<namespace>.json, one file per feature, so that features can
// add their strings without touching each other's files. Read from disk on the server, cached.
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./locale";

const cache = new Map<Locale, Record<string, unknown>>();

export function loadMessages(locale: Locale): Record<string, unknown> {
  const hit = cache.get(locale);
  if (hit && process.env.NODE_ENV === "production") return hit;
  const dir = path.join(process.cwd(), "messages", locale);
  const messages: Record<string, unknown> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith(".json")) messages[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}
