// The browser suites serve static builds with the repo's one static server.
export { serveDirectory, type ExtraRoutes, type StaticServer } from '../../scripts/static-server.mjs';
