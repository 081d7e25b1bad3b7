// Types of scripts/static-server.mjs for the TypeScript suites that import it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StaticServer {
  url: string;
  /** `METHOD path` of every request so far (to prove no API request ever reached a server). */
  requests: string[];
  close(): Promise<void>;
}

/** Extra routes: a path → an HTML page, or a handler (e.g. a vendor's token endpoint). */
export type ExtraRoutes = Record<
  string,
  string | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>)
>;

export declare function serveDirectory(
  dir: string,
  routes?: ExtraRoutes,
  listen?: { port?: number; host?: string },
): Promise<StaticServer>;

export declare function resolveStatic(
  root: string,
  path: string,
): { status: 200; file: string; type: string } | { status: 403 | 404 };
