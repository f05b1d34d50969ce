/** The web channel: edition pages, archive and Atom feed for readers, and the operator's dashboard. */
export { createWebChannel, CONTENT_SECURITY_POLICY, DEFAULT_WEB_CHANNEL_OPTIONS } from './web-channel.js';
export type { WebChannel, WebChannelDeps, WebChannelOptions, WebRoute, WebParams } from './web-channel.js';
export { editionUrl, webPaths, slotToPath, slotFromPath } from './paths.js';
export { renderEditionPage, renderEditionBody, renderDayPage, editionDescription, arabicDate } from './edition-page.js';
export type { WebBriefing } from './edition-page.js';
export { renderArchivePage, renderHomePage } from './archive-page.js';
export { renderAtomFeed, uuidV5 } from './atom-feed.js';
export { renderDashboardPage, renderLoginPage } from './dashboard-page.js';
export { createAdminAuth, safeEqual, DEFAULT_ADMIN_AUTH_OPTIONS, SESSION_COOKIE, FORM_COOKIE } from './admin-auth.js';
export type { AdminAuth, AdminAuthOptions } from './admin-auth.js';
export { html, arabicText, escapeHtml, SafeHtml, webUrl } from './html.js';
