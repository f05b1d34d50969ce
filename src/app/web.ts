/** The app's web pages: the web channel mounted on the instance's server when the configuration turns it on. */
import type { Config } from '../config/index.js';
import type { Clock, Logger, Store } from '../core/ports.js';
import type { Briefing } from '../core/types.js';
import type { OpsServer } from '../server/index.js';
import type { GuardReport } from '../service/index.js';

/**
 * The web channel, when `web.enabled`: edition pages, archive and feeds on the server, and the
 * dashboard with ADMIN_TOKEN. Returns how to link to an edition's page when there is a public URL.
 */
export async function mountWeb(w: { config: Config; store: Store; clock: Clock; log: Logger; server: OpsServer; guard?: () => GuardReport }): Promise<((briefing: Briefing) => string) | undefined> {
  const { config, store, clock, log, server } = w;
  if (!config.web.enabled) {
    log.info({}, 'web pages off (web.enabled is false)');
    return undefined;
  }
  const { createWebChannel, editionUrl } = await import('../channels/web/index.js');
  const { createEditionArchive, createOperationsReport } = await import('../service/index.js');
  const publicUrl = config.publicUrl;
  createWebChannel(
    {
      briefings: config.briefings.map((b) => ({ id: b.id, title: b.title, timeZone: b.timeZone, deliveryTime: b.deliveryTime })),
      archive: createEditionArchive({ store }),
      report: createOperationsReport({ store, definitions: config.briefings, clock, ...(w.guard ? { guard: w.guard } : {}) }),
      clock,
      log,
    },
    { ...(publicUrl ? { publicUrl } : {}), ...(config.web.adminToken ? { adminToken: config.web.adminToken } : {}), trustProxy: config.web.trustProxy },
  ).mount((method, path, handler) => server.route(method, path, handler));
  log.info({ publicUrl: publicUrl ?? null, dashboard: config.web.adminToken ? '/admin' : 'off (no ADMIN_TOKEN)' }, 'web pages on / (edition pages, archive, Atom feeds)');
  return publicUrl ? (b) => editionUrl(publicUrl, b) : undefined;
}
