// Which messages reach the browser. Every page's HTML carries the messages its client components
// may use (in React's payload), so a page given the whole catalogue (about 130 kB) ships it on every
// load. The root layout gives the browser only the namespaces the chrome's client components use
// (header, menus, error views, form errors); each part of the portal adds its own: the signed-in
// portal, sign-in and complaints take the whole catalogue, the public pages only what their client
// components read (docs/performance.md, "Public pages"). A client component that reads a namespace
// its part does not give shows the key instead of the text, which the end-to-end tests would see.

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
