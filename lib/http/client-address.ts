// The one place that says who is calling, by network address: the socket's peer (stamped by
// server.ts into a private header), or — behind ZHIJI_TRUSTED_PROXIES reverse proxies — the address
// the outermost trusted proxy saw, taken from the right of X-Forwarded-For. A client-chosen
// X-Forwarded-For or X-Real-IP is never believed beyond the configured hops.
import "server-only";
import net from "node:net";
import { env } from "@/lib/env";
import { PEER_HEADER, peerStampingActive } from "@/lib/http/peer";

/** Returned when no trustworthy address is known (e.g. `next dev`, which has no peer stamp). */
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (typeof (source as Headers).get === "function") return (source as Headers).get(name) ?? undefined;
  const v = (source as Record<string, unknown>)[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(String).join(",");
  return undefined;
}

/** One address as written by a server or proxy: IPv4-mapped IPv6 unwrapped, ports and zones dropped. */
export function normalizeAddress(raw: string | undefined): string | undefined {
  let a = (raw ?? "").trim();
  if (!a || a.length > 100) return undefined;
  const bracketed = a.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, "");
  const mapped = a.match(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i);
  if (mapped) a = mapped[1];
  return net.isIP(a) ? a.toLowerCase() : undefined;
}

/**
 * The caller's address from request headers (a Request's Headers, or the plain object next-auth
 * passes to authorize). With N trusted proxies, the chain is X-Forwarded-For plus the socket peer,
 * and the client is the entry N places from its right end (the furthest one if the chain is shorter).
 */
let warned = false;

export function clientAddress(source: HeaderSource, trustedProxies = env().ZHIJI_TRUSTED_PROXIES): string {
  const stamped = peerStampingActive();
  if (!stamped && trustedProxies === 0 && process.env.NODE_ENV === "production" && !warned) {
    warned = true;
    console.warn("Client addresses are unknown: start the portal with `npm start` (server.ts), or set ZHIJI_TRUSTED_PROXIES behind a proxy.");
  }
  const peer = stamped ? header(source, PEER_HEADER) : undefined;
  if (trustedProxies === 0) return normalizeAddress(peer) ?? UNKNOWN_ADDRESS;
  const forwarded = (header(source, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = peer !== undefined ? [...forwarded, peer] : forwarded;
  if (chain.length === 0) return UNKNOWN_ADDRESS;
  return normalizeAddress(chain[Math.max(0, chain.length - 1 - trustedProxies)]) ?? UNKNOWN_ADDRESS;
}

function ipv6Groups(a: string): number[] {
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const parse = (part: string | undefined) => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(":")) {
      if (g.includes(".")) {
        const [b1, b2, b3, b4] = g.split(".").map(Number);
        out.push((b1 << 8) | b2, (b3 << 8) | b4);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = parse(head);
  const t = parse(tail);
  return [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
}

/**
 * The unit that limits count against: an IPv4 address, or the /64 network of an IPv6 address
 * (one subscriber's usual allocation, so rotating within it gains nothing).
 */
export function addressBucket(address: string): string {
  if (net.isIPv6(address)) {
    return ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(":") + "::/64";
  }
  return address;
}
