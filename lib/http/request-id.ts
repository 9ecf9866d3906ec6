// The id that ties a request's log lines together: the one a reverse proxy put in x-request-id
// (1–128 visible ASCII characters), or a new one. No Node-only imports: the proxy uses it too.
export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdFrom(value: string | null | undefined): string {
  const v = value?.trim();
  return v && /^[\x21-\x7e]{1,128}$/.test(v) ? v : globalThis.crypto.randomUUID();
}
