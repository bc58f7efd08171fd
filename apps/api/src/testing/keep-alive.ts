import type { Server } from 'node:http';
import type { ApiHarness } from '../../testing/api-harness';

/**
 * These specs plan with the engine in the test process itself, blocking the event loop the API
 * shares for seconds. With Node's 5 s keep-alive timeout the server would then close a
 * connection left idle meanwhile just as the next request reuses it (ECONNRESET on the client):
 * idle connections are kept longer than any such block.
 */
export function keepIdleConnections(api: ApiHarness): void {
  const server = api.app.getHttpServer() as Server;
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
}
