// `npm start` (and `npm run demo`): the portal's HTTP server. It serves Next in this process and
// stamps every request with the socket's address in a private header (lib/http/peer.ts), so that
// lib/http/client-address.ts can tell the real peer from a client-chosen X-Forwarded-For.
import "./lib/outside-next";
import http from "node:http";
import path from "node:path";
import { markPeerStamping, stampPeer } from "./lib/http/peer";
import { env } from "./lib/env";

async function main() {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const port = env().PORT;
  const { default: next } = await import("next");
  markPeerStamping();
  const app = next({ dev: false, dir: path.resolve(__dirname), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    stampPeer(req);
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.listen(port, () => console.log(`Zhiji listening on port ${port}`));
  const stop = () => {
    server.close(() => process.exit(0));
    // Keep-alive connections must not hold the process open.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
