/**
 * The operator's dashboard: per briefing, the last editions with their delivery counts, a chart
 * of deliveries per day, subscriptions by platform and state, feed health with a chart of
 * failures; and the sign-in form.
 */
import { countedNoun, type NounForms } from '../../arabic/index.js';
import { toLocalParts } from '../../core/time.js';
import { withoutUrlSecrets } from '../../core/url-secrets.js';
import type { Platform, SubscriptionStatus } from '../../core/types.js';
import type { BriefingReport, OperationsReport } from '../../service/index.js';
import { arabicText, html, type SafeHtml } from './html.js';
import { inZone } from './edition-page.js';
import { renderLayout, type SiteContext } from './page-layout.js';
import { webPaths } from './paths.js';
import { horizontalBarChart, stackedBarChart } from './svg-charts.js';

const PLATFORM: Record<Platform, string> = { telegram: 'تيليجرام', slack: 'سلاك', console: 'الطرفية' };
const STATUS: Record<SubscriptionStatus, string> = { active: 'نشط', paused: 'موقوف', gone: 'منتهٍ' };

/** The delivery outcomes as the dashboard names and colours them. */
const OUTCOMES = [
  { key: 'sent', label: 'أُرسل', className: 's-sent' },
  { key: 'partial', label: 'أُرسل جزئيا', className: 's-partial' },
  { key: 'failed', label: 'فشل', className: 's-failed' },
  { key: 'unknown', label: 'غير معروف', className: 's-unknown' },
  { key: 'skipped', label: 'فات موعده', className: 's-skipped' },
  { key: 'inProgress', label: 'قيد الإرسال', className: 's-inProgress' },
] as const;

const FAILURES: Readonly<NounForms> = { one: 'إخفاق واحد متتال', two: 'إخفاقان متتاليان', plural: 'إخفاقات متتالية', accusative: 'إخفاقا متتاليا', genitive: 'إخفاق متتال' };
/** Consecutive failures, in Arabic that agrees with the number: «إخفاق واحد متتال», «إخفاقان متتاليان», «3 إخفاقات متتالية», «11 إخفاقا متتاليا», «103 إخفاقات متتالية». */
export function failureCount(n: number): string {
  return n === 0 ? 'لا إخفاق' : countedNoun(n, FAILURES);
}

// After «آخر»: «آخر يوم», «آخر يومين» (genitive), «آخر 7 أيام», «آخر 14 يوما».
const DAYS: Readonly<NounForms> = { one: 'يوم', two: 'يومين', plural: 'أيام', accusative: 'يوما', genitive: 'يوم' };

/** The days a chart covers: «آخر 14 يوما», «آخر 7 أيام», «آخر يومين». */
export function deliveryDays(n: number): string {
  return `آخر ${countedNoun(n, DAYS)}`;
}

function when(ms: number | undefined, zone: string): SafeHtml {
  if (ms === undefined) return html`—`;
  const p = toLocalParts(new Date(ms), zone);
  // dir="ltr" isolates the date and time, so that the RTL line cannot reorder their parts.
  return html`<time dir="ltr" datetime="${new Date(ms).toISOString()}">${p.date} ${p.time}</time>`;
}

function renderBriefing(b: BriefingReport, now: number, index: number): SafeHtml {
  const id = `b${index + 1}`;
  const totals = OUTCOMES.map((o) => ({ ...o, n: b.deliveriesPerDay.reduce((sum, d) => sum + d[o.key], 0) }));
  const feedsWithHealth = b.feeds.filter((f) => f.health);
  return html`<section class="briefing" aria-labelledby="${id}">
<h2 id="${id}">${arabicText(b.title)} <bdi class="meta">(${b.id})</bdi></h2>
<p class="meta">أوقاتها ${inZone(b.timeZone)}</p>

<h3>التسليمات في اليوم</h3>
${stackedBarChart({
  id: `${id}-days`,
  title: `التسليمات في اليوم، ${deliveryDays(b.deliveriesPerDay.length)}`,
  description: totals.map((t) => `${t.label}: ${t.n}`).join('، '),
  labels: b.deliveriesPerDay.map((d) => d.date.slice(5)),
  series: OUTCOMES.map((o) => ({ label: o.label, className: o.className, values: b.deliveriesPerDay.map((d) => d[o.key]) })),
})}

<div class="table-scroll" tabindex="0" role="region" aria-label="آخر الأعداد">
<table>
<caption>آخر الأعداد</caption>
<thead><tr><th scope="col">التاريخ</th><th scope="col">النشرة</th>${OUTCOMES.map((o) => html`<th scope="col">${o.label}</th>`)}</tr></thead>
<tbody>
${b.editions.length === 0 ? html`<tr><td colspan="${2 + OUTCOMES.length}">لا أعداد بعد.</td></tr>` : ''}
${b.editions.map(
  (e) => html`<tr><td><a href="${webPaths.edition(b.id, e.date, e.slot)}">${e.date}</a></td><td>${e.slot}</td>${OUTCOMES.map(
    (o) => html`<td class="n${(o.key === 'failed' || o.key === 'unknown' || o.key === 'partial') && e.deliveries[o.key] > 0 ? ' bad' : ''}">${e.deliveries[o.key]}</td>`,
  )}</tr>`,
)}
</tbody>
</table>
</div>

<div class="table-scroll" tabindex="0" role="region" aria-label="الاشتراكات">
<table>
<caption>الاشتراكات</caption>
<thead><tr><th scope="col">المنصة</th><th scope="col">الحالة</th><th scope="col">السبب</th><th scope="col">العدد</th></tr></thead>
<tbody>
${b.subscriptions.length === 0 ? html`<tr><td colspan="4">لا اشتراكات.</td></tr>` : ''}
${b.subscriptions.map(
  (s) => html`<tr><td>${PLATFORM[s.platform] ?? s.platform}</td><td${s.status === 'paused' ? html` class="bad"` : ''}>${STATUS[s.status] ?? s.status}</td><td>${s.reason ? arabicText(s.reason) : '—'}</td><td class="n">${s.count}</td></tr>`,
)}
</tbody>
</table>
</div>

<h3>صحة التغذيات</h3>
${b.feeds.length === 0 ? html`<p class="empty">لا يقرأ هذا الموجز أي تغذية (مصادره مجلدات أو صفحات).</p>` : ''}
${feedsWithHealth.length > 0
  ? horizontalBarChart({
      id: `${id}-feeds`,
      title: 'الإخفاقات المتتالية لكل تغذية',
      description: feedsWithHealth.map((f) => `${f.name}: ${f.health!.consecutiveFailures}${f.health!.paused ? ' (موقوفة)' : ''}`).join('، '),
      rows: feedsWithHealth.map((f) => ({ label: f.name, value: f.health!.consecutiveFailures, className: f.health!.paused ? 's-paused' : 's-failing' })),
    })
  : ''}
${b.feeds.length > 0
  ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="التغذيات">
<table>
<caption>التغذيات</caption>
<thead><tr><th scope="col">المصدر</th><th scope="col">آخر نجاح</th><th scope="col">إخفاقات متتالية</th><th scope="col">المحاولة التالية</th><th scope="col">الحالة</th><th scope="col">آخر خطأ</th></tr></thead>
<tbody>
${b.feeds.map((f) => {
  const h = f.health;
  const state = !h ? html`لم تُجلب بعد` : h.paused ? html`<span class="bad">موقوفة</span>` : h.consecutiveFailures > 0 ? html`<span class="bad">تتعثر</span>` : html`<span class="ok">سليمة</span>`;
  return html`<tr><td>${arabicText(f.name)}<br><bdi class="url">${withoutUrlSecrets(f.url)}</bdi></td><td>${when(h?.lastSuccessAt, b.timeZone)}</td><td class="n">${h?.consecutiveFailures ?? 0}</td><td>${h && h.consecutiveFailures > 0 ? when(Math.max(h.nextTryAt, now), b.timeZone) : '—'}</td><td>${state}</td><td>${h?.lastError ? html`<bdi>${withoutUrlSecrets(h.lastError)}</bdi>` : '—'}</td></tr>`;
})}
</tbody>
</table>
</div>`
  : ''}
</section>`;
}

/** Renders the dashboard; `signOutField` is the CSRF field of the sign-out form (absent for bearer sign-ins). */
export function renderDashboardPage(site: SiteContext, report: OperationsReport, options: { signOutField?: string } = {}): string {
  // The LLM guard's rejections (LLM mode) have their section below: counts by reason and the
  // last ones; nothing in extractive mode.
  const zone = report.briefings[0]?.timeZone ?? 'UTC';
  return renderLayout(site, {
    title: 'لوحة التشغيل',
    path: webPaths.admin(),
    noindex: true,
    wide: true,
    body: html`<h1>لوحة التشغيل</h1>
<p class="meta">حتى ${when(report.generatedAt, zone)} ${inZone(zone)}</p>
${options.signOutField
  ? html`<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${options.signOutField}"><button type="submit">تسجيل الخروج</button></form>`
  : ''}
${report.briefings.map((b, i) => renderBriefing(b, report.generatedAt, i))}
${report.otherFeeds.length > 0
  ? html`<section aria-labelledby="other-feeds"><h2 id="other-feeds">تغذيات لم يعد يقرؤها أي موجز</h2>
<ul class="list">${report.otherFeeds.map((f) => html`<li><bdi class="url">${withoutUrlSecrets(f.url)}</bdi>: ${failureCount(f.consecutiveFailures)}${f.paused ? '، موقوفة' : ''}</li>`)}</ul></section>`
  : ''}
${report.guard
  ? html`<section aria-labelledby="guard"><h2 id="guard">ما رفضه الحارس</h2>
${report.guard.counts && Object.keys(report.guard.counts).length > 0
  ? html`<p class="meta">${Object.entries(report.guard.counts).map(([reason, n], i) => html`${i > 0 ? ' · ' : ''}<bdi>${reason}</bdi>: <span class="n">${n}</span>`)}</p>`
  : ''}
${report.guard.rejections.length === 0
  ? html`<p class="empty">لم يرفض الحارس شيئا.</p>`
  : html`<ul class="list">${report.guard.rejections.map((r) => {
      // In its own briefing's zone, named, as each briefing's section gives its times.
      const own = report.briefings.find((b) => b.id === r.briefingId)?.timeZone ?? zone;
      return html`<li>${when(r.at, own)} ${inZone(own)} · <bdi>${r.briefingId}</bdi>: ${arabicText(r.reason)}</li>`;
    })}</ul>`}
</section>`
  : ''}`,
  });
}

/** Renders the sign-in form (with an error after a wrong token, or a lock-out). */
export function renderLoginPage(site: SiteContext, options: { formField: string; error?: string }): string {
  return renderLayout(site, {
    title: 'تسجيل الدخول',
    path: webPaths.admin(),
    noindex: true,
    body: html`<h1>لوحة التشغيل</h1>
<p>هذه الصفحة للمشغّلين. أدخل رمز الإدارة (<bdi>ADMIN_TOKEN</bdi>) للمتابعة.</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form class="login" method="post" action="/admin/login">
<input type="hidden" name="csrf" value="${options.formField}">
<label for="token">رمز الإدارة</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">دخول</button>
</form>`,
  });
}
