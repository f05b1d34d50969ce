/**
 * The web's one stylesheet, served as a file (the Content-Security-Policy allows no inline
 * style): right to left, readable from a 360 px phone up, dark when the reader's system is,
 * printable. Text is never justified and never letter-spaced (both break Arabic's joined letters).
 */

/** The self-hosted font's files (from @fontsource/noto-naskh-arabic, SIL OFL 1.1) and the ranges each covers. */
export const FONT_FILES = [
  { file: 'noto-naskh-arabic-arabic-400-normal.woff2', weight: 400, range: 'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC' },
  { file: 'noto-naskh-arabic-arabic-700-normal.woff2', weight: 700, range: 'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC' },
  { file: 'noto-naskh-arabic-latin-400-normal.woff2', weight: 400, range: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD' },
  { file: 'noto-naskh-arabic-latin-700-normal.woff2', weight: 700, range: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD' },
] as const;

/** The font family name the pages use. */
const FONT_FAMILY = 'Noto Naskh Arabic';

/** The stylesheet; `fontPath` is where the font files are served (e.g. "/assets/fonts/"). */
export function stylesheet(fontPath: string): string {
  const faces = FONT_FILES.map(
    (f) => `@font-face {
  font-family: '${FONT_FAMILY}';
  font-style: normal;
  font-weight: ${f.weight};
  font-display: swap;
  src: url(${fontPath}${f.file}) format('woff2');
  unicode-range: ${f.range};
}`,
  ).join('\n');
  return `${faces}
:root {
  color-scheme: light dark;
  --bg: #fbfaf6;
  --fg: #1c1c1a;
  --muted: #55534d;
  --accent: #0a5a49;
  --rule: #dedad0;
  --card: #ffffff;
  --ok: #2e7d32;
  --bad: #c62828;
  --warn: #a15c00;
  --idle: #75736d;
  --busy: #1f5fae;
  --part: #6b4a9b;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #141619;
    --fg: #ebe9e3;
    --muted: #b3b0a7;
    --accent: #7fd3bb;
    --rule: #30343a;
    --card: #1c1f23;
    --ok: #6cc070;
    --bad: #ef6f6c;
    --warn: #e0a84a;
    --idle: #9a978f;
    --busy: #79aef0;
    --part: #b99be6;
  }
}
*, *::before, *::after { box-sizing: border-box; letter-spacing: normal; }
html {
  font-family: '${FONT_FAMILY}', 'Noto Naskh Arabic UI', 'Noto Sans Arabic', 'Segoe UI', Tahoma, serif;
  font-size: 112.5%;
  line-height: 1.85;
  background: var(--bg);
  color: var(--fg);
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body { margin: 0; }
h1, h2, h3, h4, p, li, dd, dt { text-align: start; overflow-wrap: anywhere; }
/* In tables "anywhere" would let columns shrink to a letter: words break only when nothing else fits. */
td, th { text-align: start; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.4; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; line-height: 1.5; margin: 2rem 0 .75rem; padding-block-end: .25rem; border-block-end: 2px solid var(--rule); }
h3 { font-size: 1.1rem; line-height: 1.6; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .5rem; }
a { color: var(--accent); text-underline-offset: .2em; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
bdi { unicode-bidi: isolate; }
.skip { position: absolute; inset-inline-start: .5rem; inset-block-start: -3rem; background: var(--card); padding: .25rem .75rem; }
.skip:focus { inset-block-start: .5rem; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
.wrap.wide { max-width: 72rem; }
.site { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; justify-content: space-between; padding-block: .5rem; border-block-end: 1px solid var(--rule); margin-block-end: 1.25rem; }
.site .name { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.topic > h2 { color: var(--accent); }
.item { background: var(--card); border: 1px solid var(--rule); border-radius: .5rem; padding: .9rem 1rem; margin: 0 0 1rem; }
.bullets { margin: 0 0 .5rem; padding-inline-start: 1.25rem; }
.bullets li { margin-block-end: .35rem; }
.figures, .sources { margin: .25rem 0 0; color: var(--muted); font-size: .95rem; }
.label { font-weight: 700; }
.update { color: var(--accent); font-weight: 700; }
.edition + .edition { margin-block-start: 3rem; }
.empty { color: var(--muted); }
.list { padding-inline-start: 1.25rem; }
.list li { margin-block-end: .25rem; }
.slots { display: inline; list-style: none; padding: 0; margin: 0; }
.slots li { display: inline; margin-inline-end: .75rem; }
footer { margin-block-start: 3rem; padding-block-start: 1rem; border-block-start: 1px solid var(--rule); color: var(--muted); font-size: .9rem; }
.url { direction: ltr; unicode-bidi: isolate; overflow-wrap: anywhere; }
/* The dashboard */
.table-scroll { overflow-x: auto; margin-block-end: 1rem; }
table { border-collapse: collapse; min-width: 100%; font-size: .95rem; }
caption { text-align: start; font-weight: 700; padding-block: .25rem; }
th, td { padding: .3rem .6rem; border-block-end: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 700; }
td.n { font-variant-numeric: tabular-nums; }
.bad { color: var(--bad); font-weight: 700; }
.ok { color: var(--ok); }
.chart { width: 100%; height: auto; display: block; margin-block-end: .5rem; }
/* On a phone a chart keeps the width at which its words stay readable, and scrolls sideways. */
.chart-scroll { overflow-x: auto; }
.chart-scroll .chart { min-width: 36rem; }
/* Days run from right to left, the newest at the left: that end is the one shown first. */
.chart-scroll.newest-left { direction: ltr; }
/* A date or time in a table stays on one line (the table scrolls instead). */
td time, td a { white-space: nowrap; }
/* In a table an address breaks after its slashes and dots, which sets its column's width, not every few letters. */
td .url { overflow-wrap: break-word; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart .axis { stroke: var(--rule); }
.s-sent { fill: var(--ok); }
.s-partial { fill: var(--part); }
.s-failed { fill: var(--bad); }
.s-unknown { fill: var(--warn); }
.s-skipped { fill: var(--idle); }
.s-inProgress { fill: var(--busy); }
.s-paused { fill: var(--bad); }
.s-failing { fill: var(--warn); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0 0 1rem; font-size: .9rem; }
.legend svg { width: .8em; height: .8em; vertical-align: middle; margin-inline-end: .3em; }
form.login { display: grid; gap: .75rem; max-width: 22rem; }
input[type=password] { font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: .35rem; background: var(--card); color: var(--fg); width: 100%; direction: ltr; }
button { font: inherit; padding: .4rem 1rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; }
.error { color: var(--bad); font-weight: 700; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 30rem) {
  html { font-size: 106.25%; }
  .wrap { padding-inline: .75rem; }
  .item { padding: .75rem; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --accent: #000; --rule: #999; --card: #fff; }
  html { font-size: 11pt; }
  .skip, nav, .site nav, footer .feed, form { display: none; }
  .wrap { max-width: none; padding: 0; }
  .item { border: none; border-block-end: 1px solid var(--rule); border-radius: 0; padding: 0 0 .5rem; break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .sources a[href]::after { content: " " attr(href); direction: ltr; unicode-bidi: isolate; font-size: .85em; }
}
`;
}
