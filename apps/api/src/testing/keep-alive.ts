import type { Server } from 'node:http';

/**
 * The specs share one event loop with the API they call, and many plan with the engine in that
 * process, blocking the loop for seconds (PGlite blocks it too). With Node's 5 s keep-alive
 * timeout the server would then close a connection left idle meanwhile just as the next request
 * reuses it (ECONNRESET on the client, as CI saw in allocation.stale-snapshot on embedded):
 * idle connections are kept longer than any such block.
 */
export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
}
