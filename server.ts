// `npm start` (and `npm run demo`): the portal's HTTP server. It serves Next in this process and
// stamps every request with the socket's address in a private header (lib/http/peer.ts), so that
// lib/http/client-address.ts can tell the real peer from a client-chosen X-Forwarded-For.
import "./lib/outside-next";
import http from "node:http";
import path from "node:path";
import { markPeerStamping, stampPeer } from "./lib/http/peer";
import { env } from "./lib/env";
import { SHUTDOWN_WAIT_MS, stopLoops } from "./lib/background";
import { createPageCache } from "./lib/http/page-cache";
import { db } from "./lib/db";
import { chainHeadReader, type ChainHeadReader } from "./lib/http/chain-head";

const KEEP_ALIVE_MS = 65_000;

async function main() {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const port = env().PORT;
  const { default: next } = await import("next");
  markPeerStamping();
  const app = next({ dev: false, dir: path.resolve(__dirname), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Anonymous readers of the public pages are served a page rendered once per language while
  // nothing is recorded (lib/http/page-cache.ts, docs/decisions/0013-public-page-cache.md).
  let chainHead: ChainHeadReader | undefined;
  const pages =
    env().ZHIJI_PAGE_CACHE === "1"
      ? createPageCache({
          // Opened at the first request: the database may be created after the server starts.
          head: () => (chainHead ??= chainHeadReader(env().DATABASE_URL)).read(),
          nextLapse: async (now) =>
            (
              await db().certificate.aggregate({
                _min: { validUntil: true },
                where: { status: { in: ["valid", "suspended"] }, validUntil: { gt: now } },
              })
            )._min.validUntil,
        })
      : null;
  const server = http.createServer((req, res) => {
    stampPeer(req);
    (pages ? pages.handle(req, res, handle) : handle(req, res)).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Keep idle connections open longer than a client or proxy keeps them (Node's default is 5 s):
  // otherwise a client that reuses a socket just as the server closes it gets ECONNRESET, which
  // the end-to-end suite met once (docs/deploy.md, "Keep-alive").
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.listen(port, () => console.log(`Zhiji listening on port ${port}`));
  // Graceful shutdown: stop accepting connections and starting background ticks, let running
  // requests and a running tick finish (lib/background.ts, at most SHUTDOWN_WAIT_MS), then exit.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections must not hold the process open.
    server.closeIdleConnections();
    void chainHead?.close();
    void Promise.all([closed, stopLoops(SHUTDOWN_WAIT_MS)]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), SHUTDOWN_WAIT_MS + 2000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
