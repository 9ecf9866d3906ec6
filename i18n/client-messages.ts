// Which messages reach the browser. Every page's HTML carries the messages its client components
// may use (in React's payload), so a page given the whole catalogue (about 130 kB) ships it on every
// load. The root layout gives the browser only the namespaces the chrome's client components use
// (header, menus, error views, form errors); each part of the portal adds its own: the signed-in
// portal, sign-in and complaints take the whole catalogue, the public pages only what their client
// components read (docs/performance.md, "Public pages"). A client component that reads a namespace
// its part does not give shows the key instead of the text, which the end-to-end tests would see.
//
// The browser's messages are precompiled (ICU syntax turned into small arrays on the server), so
// the browser formats them with next-intl's small precompiled formatter instead of carrying the
// ICU parser (intl-messageformat, some 9 kB gzip, on every page): next.config.js points the
// browser's `use-intl/format-message` at it, and i18n/format-message.ts formats both kinds on the
// server (docs/performance.md, first-load JavaScript). So a client component cannot use `t.raw`.
import compile from "icu-minify/compile";

/** The chrome's client components: header-menu, language switch, sign-out, error views, forms' error codes. */
export const BASE_CLIENT_MESSAGES = ["common", "layout", "errors"] as const;

/** The public verify pages: the upload form (certificates.*) and the complaint form (complaints.*). */
export const VERIFY_CLIENT_MESSAGES = [...BASE_CLIENT_MESSAGES, "certificates", "complaints"] as const;

/** The registry: its results chart. */
export const REGISTRY_CLIENT_MESSAGES = [...BASE_CLIENT_MESSAGES, "pilots.published"] as const;

/**
 * The messages under the given paths ("certificates", or "pilots.published" for one part of a
 * namespace), nested as in the catalogue. A path that is not there is left out.
 */
export function pickMessages(all: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const keys = p.split(".");
    let from: unknown = all;
    for (const k of keys) from = from && typeof from === "object" ? (from as Record<string, unknown>)[k] : undefined;
    if (from === undefined) continue;
    let to = out;
    keys.slice(0, -1).forEach((k) => {
      const next = to[k];
      to = (to[k] = next && typeof next === "object" ? next : {}) as Record<string, unknown>;
    });
    to[keys[keys.length - 1]] = from;
  }
  return out;
}

type Messages = Record<string, unknown>;

const plain = (compiled: unknown): unknown => (typeof compiled === "string" ? compiled : JSON.parse(JSON.stringify(compiled)));

/**
 * The same messages with every ICU string compiled (icu-minify's form, which next-intl's
 * precompiled formatter reads). A message without arguments or tags stays the same string; lists
 * (read with `t.raw` by server components only) are left as they are. The result is plain data
 * (icu-minify makes the branches of a plural or select objects without a prototype, which React
 * refuses to pass to a client component).
 */
export function precompileMessages(messages: Messages): Messages {
  const out: Messages = {};
  for (const [k, v] of Object.entries(messages)) {
    out[k] = typeof v === "string" ? plain(compile(v)) : v && typeof v === "object" && !Array.isArray(v) ? precompileMessages(v as Messages) : v;
  }
  return out;
}

const compiled = new Map<string, Messages>();

/**
 * What a layout gives the browser: the messages under `paths` (all of them when none are named),
 * precompiled; computed once per locale and choice while the catalogue is cached (production).
 */
export function clientMessages(locale: string, all: Messages, paths?: readonly string[]): Messages {
  const key = `${locale}|${paths ? paths.join(",") : "*"}`;
  const hit = compiled.get(key);
  if (hit && process.env.NODE_ENV === "production") return hit;
  const out = precompileMessages(paths ? pickMessages(all, paths) : all);
  compiled.set(key, out);
  return out;
}
