import { describe, expect, it } from 'vitest';
import { isArabicText } from '../../src/arabic/index.js';

describe('isArabicText', () => {
  it('takes Arabic news, with a foreign name in «گ» or «ڤ», or typed with a Persian «ی»', () => {
    expect(isArabicText('أعلنت الحكومة اليوم عن خطة جديدة لدعم الصادرات الزراعية في المناطق الجنوبية')).toBe(true);
    expect(isArabicText('قالت شركة گوگل إن خدماتها عادت إلى العمل بعد انقطاع دام ساعتين في عدة دول عربية')).toBe(true);
    expect(isArabicText('أعلنت وزارة الصحة تسجيل إصابات جديدة بڤيروس كورونا في العاصمة خلال الأسبوع الماضي')).toBe(true);
    expect(isArabicText('قال الوزیر إن المفاوضات مع الشرکاء مستمرة حتى الوصول إلى اتفاق نهائی')).toBe(true);
  });

  it('does not take Urdu or Persian, written in the same script, for Arabic', () => {
    expect(isArabicText('وزیر اعظم نے کہا ہے کہ حکومت مہنگائی پر قابو پانے کے لیے نئے اقدامات کر رہی ہے۔')).toBe(false);
    expect(isArabicText('کراچی میں پولیو مہم کا تیسرا مرحلہ شروع ہو گیا ہے اور رضاکار گھر گھر جا رہے ہیں')).toBe(false);
    expect(isArabicText('به گزارش خبرگزاری ایرنا، رئیس جمهوری ایران روز دوشنبه در سفر به استان خوزستان گفت که دولت برنامه‌های جدیدی دارد.')).toBe(false);
  });

  it('needs enough letters, mostly Arabic', () => {
    expect(isArabicText('خبر عاجل')).toBe(false);
    expect(isArabicText('The minister said on Monday that talks would go on, according to وكالة الأنباء')).toBe(false);
  });
});
