/** The web channel: edition pages, archive and Atom feed for readers, and the operator's dashboard. */
export { createWebChannel, CONTENT_SECURITY_POLICY } from './web-channel.js';
export type { WebChannel, WebChannelDeps, WebChannelOptions, WebRoute, WebParams } from './web-channel.js';
export { editionUrl, slotToPath, slotFromPath } from './paths.js';
export type { WebBriefing } from './edition-page.js';
export { renderDashboardPage } from './dashboard-page.js';
export type { AdminAuth, AdminAuthOptions } from './admin-auth.js';
export { html, arabicText, escapeHtml, webUrl } from './html.js';
