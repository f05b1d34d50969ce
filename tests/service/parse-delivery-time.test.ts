/** The one parser of a typed delivery time, shared by Telegram's /time and Slack's /briefing subscribe. */
import { describe, expect, it } from 'vitest';
import { parseDeliveryTime } from '../../src/service/index.js';

describe('parseDeliveryTime', () => {
  it('reads HH:MM in either digit set, and a zone or the default', () => {
    expect(parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')).toEqual({ time: '07:30', zone: 'Asia/Riyadh' });
    expect(parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh')).toEqual({ time: '07:05', zone: 'Asia/Beirut' });
    expect(parseDeliveryTime('7', 'Asia/Riyadh')).toEqual({ error: 'time' });
    expect(parseDeliveryTime('07:00 Riyadh', 'Asia/Riyadh')).toEqual({ error: 'zone', zone: 'Riyadh' });
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
