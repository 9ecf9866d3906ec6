// Entry points that run outside Next (server.ts, scripts/*.ts, prisma/seed/index.ts) import this
// module before anything else. The modules that touch the database, keys or secrets start with
// `import "server-only"`, which throws unless it is resolved for the server: Next's server build
// resolves it to an empty module, Vitest does through an alias (vitest.config.mts), and a process
// that imports this module does from here on, by placing an empty module in Node's require cache
// under the name's resolved file (tsx runs this project's TypeScript as CommonJS). Client bundles
// are not affected: Next still refuses a client component that reaches a server-only module.
import Module from "node:module";

const marker = require.resolve("server-only");
if (!require.cache[marker]) {
  const empty = new Module(marker);
  empty.filename = marker;
  empty.loaded = true;
  require.cache[marker] = empty;
}
