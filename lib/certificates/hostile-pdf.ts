// A crafted "PDF" for tests and the hostile benchmark: `entries` signature dictionaries whose
// /ByteRange each claims to cover the whole file around one large /Contents of zeros. A parser
// that checks every entry does work proportional to entries × size (quadratic in the size).

export function craftByteRangePdf(size: number, opts: { entries?: number } = {}): Buffer {
  const head = "%PDF-1.7\n";
  const tail = "\n%%EOF\n".padEnd(32, " ");
  const entryLength = 64;
  const entries = opts.entries ?? Math.floor(size / 2 / entryLength);
  const b = head.length + entries * entryLength;
  const hexLength = size - b - 2 - tail.length;
  if (hexLength < 0) throw new Error(`${size} bytes cannot hold ${entries} entries`);
  const c = b + 2 + hexLength;
  const d = size - c;
  const entry = `/ByteRange [0 ${b} ${c} ${d}]`.padEnd(entryLength, " ");
  return Buffer.concat([
    Buffer.from(head + entry.repeat(entries), "latin1"),
    Buffer.from("<", "latin1"),
    Buffer.alloc(hexLength, "0"),
    Buffer.from(">" + tail, "latin1"),
  ]);
}
