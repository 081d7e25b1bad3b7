/**
 * `@inflow/mocks/node`: the in-process service behind msw's `setupServer`, for Vitest/Jest in Node.
 *
 *   const inflow = await setupInflowServer();   // listening; unhandled requests pass through
 *   afterEach(() => inflow.service.reset());
 *   afterAll(() => inflow.close());
 */
import { setupServer, type SetupServer } from 'msw/node';
import { inflowHandlers } from './handlers.js';
import { createMockService, type MockService, type MockServiceOptions } from './service.js';

export interface InflowServer {
  service: MockService;
  /** The msw server (add your own handlers with `server.use`). */
  server: SetupServer;
  close(): Promise<void>;
}

export async function setupInflowServer(
  options: MockServiceOptions & { onUnhandledRequest?: 'bypass' | 'warn' | 'error' } = {},
): Promise<InflowServer> {
  const { onUnhandledRequest = 'bypass', ...serviceOptions } = options;
  const service = await createMockService(serviceOptions);
  const server = setupServer(...inflowHandlers(service));
  server.listen({ onUnhandledRequest });
  return {
    service,
    server,
    async close() {
      server.close();
      await service.close();
    },
  };
}

export * from './index.js';
