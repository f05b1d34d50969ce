/** Renders a briefing as plain text for a terminal. */
import { UPDATE_MARK, type Briefing } from '../../core/types.js';

/** Options for {@link renderConsole}. */
export interface ConsoleRenderOptions {
  /** Use ANSI bold for headlines (default: false; the channel turns it on for a TTY). */
  color: boolean;
}

/**
 * Renders the briefing: title and date, then each topic with its items (headline, bullets,
 * sources). Terminals lay text out in logical order; no bidi controls are added.
 */
export function renderConsole(briefing: Briefing, options: ConsoleRenderOptions = { color: false }): string {
  const bold = (s: string): string => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const lines: string[] = [];
  lines.push(bold(`${briefing.title} — ${briefing.date}`), '═'.repeat(40));
  if (briefing.groups.length === 0) {
    lines.push(briefing.leftOut ? `لا شيء هنا من موجز اليوم: استبعدت المواضيع المختارة والكلمات والمصادر المكتومة أخباره كلها (عددها ${briefing.leftOut}).` : 'لا توجد أخبار في هذا الموجز بعد.');
  }
  for (const group of briefing.groups) {
    lines.push('', bold(`■ ${group.topic}`));
    for (const item of group.items) {
      lines.push('', bold(`${item.update ? `${UPDATE_MARK}: ` : ''}${item.digest.headline}`) + (item.aiLabel ? ` (${item.aiLabel})` : ''));
      for (const b of item.digest.bullets) lines.push(`  • ${b.text}`);
      if (item.digest.keyFigures.length > 0) lines.push(`  أرقام: ${item.digest.keyFigures.slice(0, 3).join(' | ')}`);
      lines.push(`  المصادر: ${item.sources.map((s) => s.name + (s.url && /^https?:/.test(s.url) ? ` <${s.url}>` : '')).join('، ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
