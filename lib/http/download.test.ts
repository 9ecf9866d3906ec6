import { describe, expect, it } from "vitest";
import { download } from "./download";

describe("download", () => {
  it("carries type, length, an attachment name, nosniff and a private no-store rule by default", async () => {
    const r = download("a,b\n1,2\n", { type: "text/csv; charset=utf-8", filename: "report-2026.csv" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-length")).toBe("8");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="report-2026.csv"');
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await r.text()).toBe("a,b\n1,2\n");
  });

  it("public immutable bytes may be cached; a name outside ASCII or with quotes is given safely twice", () => {
    const pdf = download(new Uint8Array([37, 80, 68, 70]), { type: "application/pdf", filename: 'AIT-2026-"x"\r\n证书.pdf', cache: "immutable" });
    expect(pdf.headers.get("cache-control")).toBe("public, max-age=86400, immutable");
    const d = pdf.headers.get("content-disposition")!;
    expect(d).toBe(`attachment; filename="AIT-2026-_x_____.pdf"; filename*=UTF-8''${encodeURIComponent('AIT-2026-"x"\r\n证书.pdf')}`);
    expect(d).not.toMatch(/[\r\n]/);
  });
});
