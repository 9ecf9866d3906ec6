// A file the API hands out (certificate and report PDFs, CSV exports, evidence, checkpoint files):
// one place for the headers every download carries, so none forgets `nosniff` or its cache rule.
//   private   (default) for a signed-in caller's files: never stored by a shared cache;
//   immutable for public bytes that never change once made (an issued certificate's PDF).
// The file name is given as ASCII (anything else becomes "_") and, when it differs, also as UTF-8
// (RFC 6266 filename*), so an evidence file keeps its Chinese name.

export type DownloadOptions = {
  type: string;
  filename: string;
  cache?: "private" | "immutable";
};

const asciiName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 200) || "download";

export function download(body: Uint8Array | string, { type, filename, cache = "private" }: DownloadOptions): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const ascii = asciiName(filename);
  const disposition =
    ascii === filename ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "content-type": type,
      "content-length": String(bytes.byteLength),
      "content-disposition": disposition,
      "cache-control": cache === "immutable" ? "public, max-age=86400, immutable" : "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
