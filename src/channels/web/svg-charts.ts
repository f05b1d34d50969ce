/**
 * Small inline SVG charts for the dashboard: no script, no library, colours from the stylesheet
 * (so dark mode applies), each chart an image with a title and a text description. Time runs from
 * right to left, as Arabic is read.
 */
import { html, type SafeHtml } from './html.js';

/** One series of a stacked bar chart (a class of the stylesheet gives its colour). */
export interface ChartSeries {
  label: string;
  className: string;
  values: readonly number[];
}

const W = 640;

/** A legend for series colours. */
function chartLegend(series: readonly { label: string; className: string }[]): SafeHtml {
  return html`<ul class="legend">${series.map(
    (s) => html`<li><svg viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect class="${s.className}" width="10" height="10"></rect></svg>${s.label}</li>`,
  )}</ul>`;
}

/** A number axis top: the smallest of 1, 2, 5 × 10^k at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/**
 * Stacked bars, one per label (oldest on the right), series stacked bottom up.
 *
 * @example
 * stackedBarChart({ id: 'd1', title: 'التسليمات في اليوم', labels: ['11-28', '11-29'], series: [{ label: 'أُرسل', className: 's-sent', values: [3, 4] }] })
 */
export function stackedBarChart(options: { id: string; title: string; description: string; labels: readonly string[]; series: readonly ChartSeries[] }): SafeHtml {
  const { labels, series } = options;
  const H = 220;
  const top = 14;
  const bottom = 34;
  const sideAxis = 44;
  const plotW = W - sideAxis - 8;
  const plotH = H - top - bottom;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, Math.min(36, step * 0.7));
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const bars = labels.map((label, i) => {
    // Oldest at the right: the first label sits next to the axis on the right.
    const x = sideAxis + plotW - (i + 1) * step + (step - barW) / 2;
    let base = 0;
    const rects = series.map((s) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return '';
      const r = html`<rect class="${s.className}" x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}"><title>${label}: ${s.label} ${v}</title></rect>`;
      base += v;
      return r;
    });
    const showLabel = labels.length <= 16 || i % Math.ceil(labels.length / 16) === 0;
    return html`${rects}${showLabel ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${H - 12}" text-anchor="middle">${label}</text>` : ''}`;
  });
  const ticks = [0, max / 2, max].map(
    (v) => html`<line class="axis" x1="${sideAxis - 4}" x2="${W - 8}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"></line><text x="${sideAxis - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`,
  );
  return html`<div class="chart-scroll newest-left" tabindex="0" role="region" aria-label="${options.title}"><svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${options.id}-t ${options.id}-d" direction="ltr">
<title id="${options.id}-t">${options.title}</title>
<desc id="${options.id}-d">${options.description}</desc>
${ticks}
${bars}
</svg></div>
${chartLegend(series)}`;
}

/** Horizontal bars, one per row (label on the right, bar growing to the left). */
export function horizontalBarChart(options: { id: string; title: string; description: string; rows: readonly { label: string; value: number; className: string }[] }): SafeHtml {
  const row = 28;
  const labelW = 220;
  const H = options.rows.length * row + 24;
  const max = niceMax(Math.max(0, ...options.rows.map((r) => r.value)));
  const plotW = W - labelW - 48;
  const bars = options.rows.map((r, i) => {
    const w = (r.value / max) * plotW;
    const yTop = 8 + i * row;
    const label = r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label;
    return html`<text x="${W - 4}" y="${yTop + 17}" text-anchor="end">${label}</text>
<rect class="${r.className}" x="${(W - labelW - w).toFixed(1)}" y="${yTop + 4}" width="${Math.max(r.value > 0 ? 2 : 0, w).toFixed(1)}" height="${row - 10}"><title>${r.label}: ${r.value}</title></rect>
<text x="${(W - labelW - w - 6).toFixed(1)}" y="${yTop + 17}" text-anchor="end">${r.value}</text>`;
  });
  return html`<div class="chart-scroll" tabindex="0" role="region" aria-label="${options.title}"><svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${options.id}-t ${options.id}-d" direction="ltr">
<title id="${options.id}-t">${options.title}</title>
<desc id="${options.id}-d">${options.description}</desc>
<line class="axis" x1="${W - labelW}" x2="${W - labelW}" y1="4" y2="${H - 16}"></line>
${bars}
</svg></div>`;
}
