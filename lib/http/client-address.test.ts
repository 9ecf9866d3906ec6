// The client's address: the socket's peer as stamped by server.ts, or the configured number of
// proxy hops from the right of X-Forwarded-For; never a header the client chose.
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { addressBucket, clientAddress, normalizeAddress, UNKNOWN_ADDRESS } from "./client-address";
import { markPeerStamping, PEER_HEADER, stampPeer } from "./peer";

const STAMPED = Symbol.for("zhiji.peer-header-stamped");
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[STAMPED];
});

function fakeRequest(rawHeaders: string[], remoteAddress: string): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i].toLowerCase()] = rawHeaders[i + 1];
  return Object.assign(new EventEmitter(), { rawHeaders: [...rawHeaders], headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
}

describe("the peer stamp (server.ts)", () => {
  it("overwrites a client-sent x-zhiji-peer with the socket's address, in headers and raw headers", () => {
    const req = fakeRequest(["Host", "x", "X-Zhiji-Peer", "1.2.3.4", "x-zhiji-peer", "5.6.7.8", "X-Forwarded-For", "9.9.9.9"], "::ffff:203.0.113.7");
    stampPeer(req);
    expect(req.headers[PEER_HEADER]).toBe("::ffff:203.0.113.7");
    const raw = req.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());
    expect(raw.filter((h) => h === PEER_HEADER)).toHaveLength(1);
    expect(req.rawHeaders).not.toContain("1.2.3.4");
    expect(req.rawHeaders).not.toContain("5.6.7.8");
  });
});

describe("clientAddress", () => {
  it("with no proxy, is the stamped peer: a rotating X-Forwarded-For or X-Real-IP changes nothing", () => {
    markPeerStamping();
    for (const spoof of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "garbage"]) {
      const h = new Headers({ [PEER_HEADER]: "::ffff:198.51.100.4", "x-forwarded-for": spoof, "x-real-ip": "4.4.4.4" });
      expect(clientAddress(h, 0)).toBe("198.51.100.4");
    }
    // next-auth passes plain header objects.
    expect(clientAddress({ [PEER_HEADER]: "2001:db8::1", "x-forwarded-for": "1.1.1.1" }, 0)).toBe("2001:db8::1");
  });

  it("does not believe the peer header in a process that server.ts did not start (anyone could send it)", () => {
    const h = new Headers({ [PEER_HEADER]: "198.51.100.4", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(h, 0)).toBe(UNKNOWN_ADDRESS);
  });

  it("behind N trusted proxies, takes the N-th address from the right of X-Forwarded-For plus the peer", () => {
    markPeerStamping();
    // client → proxy A (appends the client) → us; the peer is proxy A.
    const oneHop = new Headers({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddress(oneHop, 1)).toBe("203.0.113.9");
    // The client's own X-Forwarded-For entries sit further left and are never reached.
    const twoHops = new Headers({ [PEER_HEADER]: "10.0.0.3", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" });
    expect(clientAddress(twoHops, 2)).toBe("203.0.113.9");
    // Fewer entries than hops: the furthest known address.
    expect(clientAddress(new Headers({ [PEER_HEADER]: "10.0.0.2" }), 3)).toBe("10.0.0.2");
    // An entry that is not an address is unknown, not trusted text.
    expect(clientAddress(new Headers({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "evil" }), 1)).toBe(UNKNOWN_ADDRESS);
  });

  it("normalises addresses: mapped IPv4, brackets, ports, zones; refuses non-addresses", () => {
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("example.com")).toBeUndefined();
    expect(normalizeAddress("1".repeat(500))).toBeUndefined();
    expect(normalizeAddress(undefined)).toBeUndefined();
  });

  it("counts IPv6 by /64, so rotating inside one allocation is one address", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("198.51.100.4")).toBe("198.51.100.4");
    expect(addressBucket(UNKNOWN_ADDRESS)).toBe(UNKNOWN_ADDRESS);
  });
});
