// The socket's address travels from the HTTP server (server.ts) to route handlers in a private
// request header. Next's route handlers never see the socket, and `next start` keeps a client's own
// X-Forwarded-For, so the server overwrites this header on every request (dropping any copy the
// client sent) and marks the process: only then is the header believed.
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-zhiji-peer";
const STAMPED = Symbol.for("zhiji.peer-header-stamped");

/** Marks this process as served by server.ts: the peer header is the server's, never the client's. */
export function markPeerStamping() {
  (globalThis as Record<symbol, unknown>)[STAMPED] = true;
}

export function peerStampingActive(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

/** Overwrites the peer header with the socket's address; a client-sent copy never survives. */
export function stampPeer(req: IncomingMessage) {
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === PEER_HEADER) req.rawHeaders.splice(i, 2);
  }
  const address = req.socket.remoteAddress ?? "";
  req.headers[PEER_HEADER] = address;
  req.rawHeaders.push(PEER_HEADER, address);
}
