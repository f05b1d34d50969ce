/** The one parser of a typed delivery time, shared by Telegram's /time and Slack's /briefing subscribe. */
import { describe, expect, it } from 'vitest';
import { parseDeliveryTime, placeOfZone, zoneForReaders, zoneOfPlace } from '../../src/service/index.js';

describe('parseDeliveryTime', () => {
  it('reads HH:MM in either digit set, and a zone or the default', () => {
    expect(parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh')).toEqual({ time: '07:05', zone: 'Asia/Beirut' });
    expect(parseDeliveryTime('7', 'Asia/Riyadh')).toEqual({ error: 'time' });
    expect(parseDeliveryTime('07:00 Atlantis', 'Asia/Riyadh')).toEqual({ error: 'zone', zone: 'Atlantis' });
  });
});

describe('parseDeliveryTime beyond the basics', () => {
  it('reads Persian digits and the Arabic decimal separator', () => {
    expect(parseDeliveryTime('۰۶٫۴۵ Africa/Cairo', 'Asia/Riyadh')).toEqual({ time: '06:45', zone: 'Africa/Cairo' });
  });
  it('refuses an hour or minute out of range', () => {
    expect(parseDeliveryTime('٢٤:٠٠', 'Asia/Riyadh')).toEqual({ error: 'time' });
    expect(parseDeliveryTime('07:60', 'Asia/Riyadh')).toEqual({ error: 'time' });
  });
});

describe('parseDeliveryTime as people type it', () => {
  it('reads «ص» and «م» (with or without tanween, glued or not) and am/pm after a 12-hour time', () => {
    expect(parseDeliveryTime('٧:٣٠ م', 'Asia/Riyadh')).toEqual({ time: '19:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('٧:٣٠م Africa/Cairo', 'Asia/Riyadh')).toEqual({ time: '19:30', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('6 صباحاً', 'Asia/Riyadh')).toEqual({ time: '06:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('١٢:١٥ ص', 'Asia/Riyadh')).toEqual({ time: '00:15', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('12:00 مساءً', 'Asia/Riyadh')).toEqual({ time: '12:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('9:45 PM', 'Asia/Riyadh')).toEqual({ time: '21:45', zone: 'Asia/Riyadh' });
    // A 24-hour time with a mark, or an hour alone without one, is not a time.
    expect(parseDeliveryTime('19:30 م', 'Asia/Riyadh')).toEqual({ error: 'time' });
    expect(parseDeliveryTime('0 ص', 'Asia/Riyadh')).toEqual({ error: 'time' });
  });

  it('reads the parts of the day people write after an hour: «فجراً», «ظهراً», «عصراً», «ليلاً»', () => {
    expect(parseDeliveryTime('٤:٣٠ فجراً', 'Asia/Riyadh')).toEqual({ time: '04:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('١٢:٣٠ ظهراً', 'Asia/Riyadh')).toEqual({ time: '12:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('1 ظهرا', 'Asia/Riyadh')).toEqual({ time: '13:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('11:45 ظهراً القاهرة', 'Asia/Riyadh')).toEqual({ time: '11:45', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('٣ عصراً', 'Asia/Riyadh')).toEqual({ time: '15:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('10 ليلاً', 'Asia/Riyadh')).toEqual({ time: '22:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('١٢ ليلاً', 'Asia/Riyadh')).toEqual({ time: '00:00', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('2:15 ليلا', 'Asia/Riyadh')).toEqual({ time: '02:15', zone: 'Asia/Riyadh' });
    // An hour the part of the day cannot hold is no time: dawn at nine, the afternoon at ten.
    expect(parseDeliveryTime('9 فجراً', 'Asia/Riyadh')).toEqual({ error: 'time' });
    expect(parseDeliveryTime('10 عصراً', 'Asia/Riyadh')).toEqual({ error: 'time' });
  });

  it('gives the zone as the runtime spells it, whatever its case', () => {
    expect(parseDeliveryTime('07:30 asia/riyadh', 'UTC')).toEqual({ time: '07:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('07:30 AFRICA/CAIRO', 'UTC')).toEqual({ time: '07:30', zone: 'Africa/Cairo' });
  });
});

describe('parseDeliveryTime with a city for the zone', () => {
  it('reads a city people name in Arabic or English (diacritics, hamza and ة forms alike) as its zone', () => {
    expect(parseDeliveryTime('٠٧:٣٠ القاهرة', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('07:30 القاهره', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('6:15 الرِّياض', 'Africa/Cairo')).toEqual({ time: '06:15', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('٧:٠٠ م الدار البيضاء', 'Asia/Riyadh')).toEqual({ time: '19:00', zone: 'Africa/Casablanca' });
    expect(parseDeliveryTime('8:00 Dubai', 'Asia/Riyadh')).toEqual({ time: '08:00', zone: 'Asia/Dubai' });
    // Casablanca as Moroccans write it, and the kingdom's other large cities.
    expect(parseDeliveryTime('٧:٣٠ كازابلانكا', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Africa/Casablanca' });
    expect(parseDeliveryTime('07:30 كازا', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Africa/Casablanca' });
    expect(parseDeliveryTime('6:00 مراكش', 'Asia/Riyadh')).toEqual({ time: '06:00', zone: 'Africa/Casablanca' });
    expect(parseDeliveryTime('6:00 طنجه', 'Asia/Riyadh')).toEqual({ time: '06:00', zone: 'Africa/Casablanca' });
    expect(parseDeliveryTime('08:00 Narnia', 'Asia/Riyadh')).toEqual({ error: 'zone', zone: 'Narnia' });
  });
});

describe('parseDeliveryTime: how people write a time', () => {
  it('reads ص and م (and am, pm) after a 12-hour time, then the zone', () => {
    expect(parseDeliveryTime('٧:٣٠ م', 'Asia/Riyadh')).toEqual({ time: '19:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('٧:٣٠ مساءً Africa/Cairo', 'Asia/Riyadh')).toEqual({ time: '19:30', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('6:45 ص', 'Asia/Riyadh')).toEqual({ time: '06:45', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('١٢:١٥ ص', 'Asia/Riyadh')).toEqual({ time: '00:15', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('12:15 PM Asia/Dubai', 'Asia/Riyadh')).toEqual({ time: '12:15', zone: 'Asia/Dubai' });
    // 19:30 م is no 12-hour time.
    expect(parseDeliveryTime('19:30 م', 'Asia/Riyadh')).toEqual({ error: 'time' });
  });
  it('ignores direction marks pasted around the time and the zone', () => {
    expect(parseDeliveryTime('\u2067٠٧:٣٠\u2069\u200f \u200eAsia/Dubai\u200e', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Asia/Dubai' });
  });
  it('stores a zone as the runtime names it, whatever its case', () => {
    expect(parseDeliveryTime('07:00 asia/riyadh', 'Asia/Riyadh')).toEqual({ time: '07:00', zone: 'Asia/Riyadh' });
    // Not replaced by another name of the same zone (the runtime calls it Asia/Calcutta).
    expect(parseDeliveryTime('07:00 Asia/Kolkata', 'Asia/Riyadh')).toEqual({ time: '07:00', zone: 'Asia/Kolkata' });
  });
});

describe('parseDeliveryTime: words in other places', () => {
  it('reads the mark after the zone, and refuses words left over instead of dropping them', () => {
    expect(parseDeliveryTime('07:30 Asia/Riyadh pm', 'UTC')).toEqual({ time: '19:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('7:30 UTC م', 'Asia/Riyadh')).toEqual({ time: '19:30', zone: 'UTC' });
    expect(parseDeliveryTime('07:30 القاهرة evening', 'Asia/Riyadh')).toEqual({ error: 'zone', zone: 'القاهرة evening' });
  });

  it('finds a zone typed in any case under the name the runtime lists, older aliases and UTC too', () => {
    expect(parseDeliveryTime('07:00 asia/kolkata', 'UTC')).toEqual({ time: '07:00', zone: 'Asia/Kolkata' });
    expect(parseDeliveryTime('07:00 utc', 'Asia/Riyadh')).toEqual({ time: '07:00', zone: 'UTC' });
    expect(parseDeliveryTime('07:00 AMERICA/NEW_YORK', 'UTC')).toEqual({ time: '07:00', zone: 'America/New_York' });
  });
});

describe('parseDeliveryTime: newer zone names in lower case', () => {
  it('capitalizes a newer name the runtime knows but does not list', () => {
    expect(parseDeliveryTime('07:00 europe/kyiv', 'UTC')).toEqual({ time: '07:00', zone: 'Europe/Kyiv' });
    expect(parseDeliveryTime('07:00 Asia/Kolkata', 'UTC')).toEqual({ time: '07:00', zone: 'Asia/Kolkata' });
  });
});

describe('parseDeliveryTime without a default zone', () => {
  it('gives no zone when none is typed, so that the subscription keeps its own', () => {
    expect(parseDeliveryTime('٦:٣٠ م')).toEqual({ time: '18:30' });
    expect(parseDeliveryTime('06:30 القاهرة')).toEqual({ time: '06:30', zone: 'Africa/Cairo' });
  });
});

describe('parseDeliveryTime in the words of the bot\'s own answers', () => {
  it('reads «الساعة ٧:٣٠ بتوقيت القاهرة» as the answers say it («كل يوم الساعة 07:30 بتوقيت الرياض»)', () => {
    expect(parseDeliveryTime('١٩:٠٠ بتوقيت القاهرة')).toEqual({ time: '19:00', zone: 'Africa/Cairo' });
    expect(parseDeliveryTime('07:30 بتوقيت Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('الساعة ٧:٣٠ م توقيت دبي')).toEqual({ time: '19:30', zone: 'Asia/Dubai' });
    expect(parseDeliveryTime('الساعه 06:45')).toEqual({ time: '06:45' });
    // The words alone are no zone: an unknown place after them is still said to be one.
    expect(parseDeliveryTime('07:30 بتوقيت أتلانتس')).toEqual({ error: 'zone', zone: 'أتلانتس' });
  });
});

describe('placeOfZone: the zone as readers see it', () => {
  it('names the place people use for a zone: its capital, or the country where the city is ambiguous or contested', () => {
    expect(placeOfZone('Asia/Riyadh')).toBe('الرياض');
    expect(placeOfZone('Africa/Cairo')).toBe('القاهرة');
    expect(placeOfZone('Africa/Casablanca')).toBe('الرباط');
    expect(placeOfZone('Asia/Dubai')).toBe('أبوظبي');
    expect(placeOfZone('Asia/Aden')).toBe('اليمن');
    expect(placeOfZone('Asia/Amman')).toBe('الأردن');
    expect(placeOfZone('Africa/Tripoli')).toBe('ليبيا');
    expect(placeOfZone('Asia/Kolkata')).toBeUndefined();
    expect(placeOfZone('UTC')).toBeUndefined();
  });
  it('gives every zone the bot reads a place for a name that reads back as the same zone', () => {
    const zones = new Set(['Asia/Riyadh', 'Africa/Cairo', 'Asia/Dubai', 'Asia/Qatar', 'Asia/Kuwait', 'Asia/Bahrain', 'Asia/Muscat', 'Asia/Baghdad', 'Asia/Damascus', 'Asia/Beirut', 'Asia/Amman', 'Asia/Jerusalem', 'Asia/Gaza', 'Asia/Aden', 'Africa/Khartoum', 'Africa/Tripoli', 'Africa/Tunis', 'Africa/Algiers', 'Africa/Casablanca', 'Africa/Nouakchott', 'Africa/Mogadishu', 'Africa/Djibouti', 'Europe/Istanbul', 'Europe/London', 'Europe/Paris', 'Europe/Berlin']);
    for (const zone of zones) {
      const place = placeOfZone(zone);
      expect(place, zone).toBeDefined();
      expect(zoneOfPlace(place!), zone).toBe(zone);
      expect(parseDeliveryTime(`الساعة 07:30 بتوقيت ${place}`), zone).toEqual({ time: '07:30', zone });
    }
  });
  it('shows a zone with no place as its id, isolated, which reads back too', () => {
    expect(zoneForReaders('Asia/Riyadh')).toBe('الرياض');
    expect(zoneForReaders('Asia/Kolkata')).toBe('\u2068Asia/Kolkata\u2069');
    expect(parseDeliveryTime(`الساعة 07:30 بتوقيت ${zoneForReaders('Asia/Kolkata')}`)).toEqual({ time: '07:30', zone: 'Asia/Kolkata' });
  });
});
