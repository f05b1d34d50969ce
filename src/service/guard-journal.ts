/**
 * What the guard turned down, kept in memory for the operator's dashboard: counts by reason since
 * the instance started, and the last rejections with the briefing they happened in.
 */
import type { GuardReport } from './operations-report.js';
import type { RecordedRejection } from './briefing-service.js';

/** Arabic names of the guard's reasons, as the dashboard shows them. */
const GUARD_REASON_LABELS: Readonly<Record<string, string>> = {
  number: 'رقم لا يرد في المصادر',
  quote: 'اقتباس لا يرد في المصادر',
  name: 'اسم لا يرد في المصادر',
  novel: 'كلمات كثيرة لا ترد في المصادر',
  language: 'ليس بالعربية الفصحى',
  length: 'أطول من المسموح',
  link: 'رابط ليس من المصادر',
  parse: 'جواب لا يُقرأ أو بلا مصدر',
};

/** A journal of the guard's rejections. */
export interface GuardJournal {
  record(rejection: RecordedRejection): void;
  /** Counts by reason and the last rejections, newest first (the dashboard's section). */
  report(): GuardReport;
}

/** One line of the dashboard for a rejection: what was turned down and why, in Arabic. */
function describeRejection(r: Pick<RecordedRejection, 'target' | 'reasons' | 'replacement'>): string {
  const what = r.target === 'headline' ? 'عنوان' : 'نقطة';
  const why = r.reasons.map((x) => GUARD_REASON_LABELS[x] ?? x).join('، ');
  const instead = r.replacement === 'extractive' ? 'عُرض المستخرج بدلها' : 'حُذفت';
  return `${what} آلية: ${why} (${instead})`;
}

/** Creates a journal that keeps the last `limit` rejections (default 50). */
export function createGuardJournal(limit = 50): GuardJournal {
  const last: GuardReport['rejections'] = [];
  const counts: Record<string, number> = {};
  return {
    record(r) {
      for (const reason of r.reasons) counts[reason] = (counts[reason] ?? 0) + 1;
      last.unshift({ at: r.at, briefingId: r.briefingId, reason: describeRejection(r) });
      if (last.length > limit) last.length = limit;
    },
    report() {
      return { rejections: [...last], counts: { ...counts } };
    },
  };
}
