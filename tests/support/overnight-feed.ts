/**
 * A news feed on 127.0.0.1 that behaves like a real outlet's: it keeps only its last `keep` items
 * (newest first), answers 304 to a matching ETag, and counts its requests. Requests can be held
 * (a gate) to order events between two pollers without timing. The Arabic texts are our own.
 */
import { createServer, type Server } from 'node:http';

/** One published item. */
export interface FeedStory {
  /** Path of its page on the outlet (its link). */
  slug: string;
  title: string;
  paragraphs: string[];
  /** RFC-822 date. */
  date: string;
}

const SUBJECTS = [
  ['افتتاح مستشفى جديد للأطفال', 'يضم المستشفى مئتي سرير وقسما للعناية المركزة، وقال وزير الصحة إنه يخدم سكان المنطقة الشرقية.'],
  ['ارتفاع أسعار الذهب في الأسواق', 'سجل سعر الغرام ارتفاعا ملحوظا مع إقبال المستثمرين على المعدن النفيس ملاذا آمنا.'],
  ['انطلاق معرض الكتاب الدولي', 'تشارك في المعرض دور نشر من ثلاثين دولة، ويستمر عشرة أيام بحضور كتاب وناشرين.'],
  ['هطول أمطار غزيرة وتحذيرات من السيول', 'دعت هيئة الأرصاد السكان إلى تجنب الأودية، وعلقت الدراسة في عدد من المدارس.'],
  ['توقيع اتفاقية للتبادل التجاري', 'تشمل الاتفاقية خفض الرسوم الجمركية على المنتجات الزراعية والصناعية بين البلدين.'],
  ['تدشين خط قطار سريع بين المدن', 'يختصر القطار زمن الرحلة إلى ساعتين، وتبلغ طاقته الاستيعابية آلاف الركاب يوميا.'],
  ['إطلاق قمر صناعي لرصد المناخ', 'يحمل القمر أجهزة لقياس درجات الحرارة والرطوبة، ويعمل في مداره سبع سنوات.'],
  ['تراجع أسعار النفط في التعاملات الآسيوية', 'هبط خام برنت بعد بيانات أظهرت زيادة المخزونات التجارية على غير المتوقع.'],
  ['فوز المنتخب الوطني في التصفيات', 'سجل المهاجم هدفين في الشوط الثاني، ليقترب المنتخب من التأهل إلى النهائيات.'],
  ['مؤتمر دولي للطاقة المتجددة', 'ناقش المشاركون مشروعات الطاقة الشمسية وطاقة الرياح وخطط خفض الانبعاثات.'],
  ['حملة وطنية للتطعيم ضد الإنفلونزا', 'تستهدف الحملة كبار السن والأطفال، وتوفر اللقاح مجانا في المراكز الصحية.'],
  ['افتتاح متحف للفنون الإسلامية', 'يعرض المتحف مخطوطات وقطعا خزفية نادرة تعود إلى قرون مضت.'],
] as const;
const CITIES = ['الرياض', 'القاهرة', 'الرباط', 'عمّان', 'تونس'] as const;

/** The n-th story of the night (0-based, up to 60 distinct ones), published at `at`. */
export function nightStory(n: number, at: Date): FeedStory {
  const [subject, detail] = SUBJECTS[n % SUBJECTS.length]!;
  const city = CITIES[Math.floor(n / SUBJECTS.length) % CITIES.length]!;
  return {
    slug: `/ar/news/${n + 1}`,
    title: `${subject} في ${city}`,
    paragraphs: [`أعلنت السلطات في ${city} ${subject}، في خبر نشر في ساعة متأخرة من الليل.`, detail, `وقال مسؤول محلي في ${city} إن التفاصيل الكاملة ستعلن خلال الأيام المقبلة.`],
    date: at.toUTCString(),
  };
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A running feed server. */
export interface OvernightFeed {
  /** The feed's URL. */
  url: string;
  publish(...stories: FeedStory[]): void;
  /** Requests answered so far (200 and 304), and how many were 304. */
  requests(): number;
  notModified(): number;
  /** Most requests in progress at once. */
  maxConcurrent(): number;
  /** Holds the next requests until the returned function is called; resolves `arrived` when one is held. */
  hold(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

/** Serves a feed that keeps its last `keep` items (default 20). */
export async function serveOvernightFeed(keep = 20): Promise<OvernightFeed> {
  const stories: FeedStory[] = [];
  let requests = 0;
  let notModified = 0;
  let current = 0;
  let most = 0;
  let gate: { arrived: () => void; wait: Promise<void> } | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      current++;
      most = Math.max(most, current);
      try {
        if (gate) {
          const g = gate;
          g.arrived();
          await g.wait;
        }
        requests++;
        const base = `http://${req.headers.host}`;
        const etag = `"v${stories.length}"`;
        if (req.headers['if-none-match'] === etag) {
          notModified++;
          return void res.writeHead(304, { etag }).end();
        }
        const items = stories
          .slice(-keep)
          .reverse()
          .map((s) => `<item><title>${escape(s.title)}</title><link>${base}${s.slug}</link><description>${escape(s.paragraphs.join('\n'))}</description><pubDate>${s.date}</pubDate></item>`)
          .join('\n');
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
        res.end(`<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>أخبار الليل</title><link>${base}/</link><description>آخر الأخبار</description>\n${items}\n</channel></rss>\n`);
      } finally {
        current--;
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/feed.xml`;
  return {
    url,
    publish: (...s) => void stories.push(...s),
    requests: () => requests,
    notModified: () => notModified,
    maxConcurrent: () => most,
    hold() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const wait = new Promise<void>((r) => (release = r));
      gate = { arrived, wait };
      return {
        arrived: arrivedP,
        release: () => {
          gate = undefined;
          release();
        },
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
