/** The instance's HTTP server: health, Prometheus metrics, and the channels' routes. */
export { createOpsServer } from './http-server.js';
export type { OpsServer, OpsServerDeps, RouteHandler, RouteMethod, RouteParams } from './http-server.js';
export { createHealth } from './health.js';
export type { HealthDeps, HealthOptions } from './health.js';
