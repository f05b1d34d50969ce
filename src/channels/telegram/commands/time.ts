/**
 * /time [الساعة] HH:MM [ص|م] [بتوقيت] [Zone] [briefing] and the time buttons: the delivery time, in the subscriber's
 * zone (the one it chose before, else the briefing's) unless a zone is given. Without a briefing
 * named, of the default one when the chat subscribes to it or to none, else of the one it
 * subscribes to (with several, it asks which).
 */
import { Composer, type Context } from 'grammy';
import { stripBidiControls } from '../../../arabic/index.js';
import { isValidTimeZone } from '../../../core/time.js';
import { isMeridiemWord, isTimeFrameWord, joinPlaceNames, parseDeliveryTime, pickBriefings, unnamedBriefings, zoneOfPlace } from '../../../service/index.js';
import { arg, briefingsOf, buttonTarget, definitionOf, isAdmin, refOf, reply, textOf, type CommandDeps } from '../chat.js';
import { TEXT } from '../texts.js';

/** The /time command and the ⏰ buttons. */
export function timeCommand(deps: CommandDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command('time', async (ctx) => {
    // «/time» alone (what the command menu sends): when each briefing of the chat comes, and how to change it; for anyone to see.
    if (!arg(ctx)) {
      const subs = await deps.service.subscriptionsOf(refOf(ctx)!);
      const lines = subs.map((s) => TEXT.timeOf(definitionOf(deps, s.briefingId)?.title ?? s.briefingId, s.deliveryTime, s.timeZone));
      return void (await reply(ctx, [...lines, TEXT.timeUsage].join('\n')));
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    // "/time 19:30 Asia/Riyadh evening": words after the time that are not a zone name briefings.
    // «الساعة ٧:٣٠ بتوقيت القاهرة», in the words of the bot's own answer: «الساعة» and «بتوقيت» frame the time and zone, and name nothing.
    const [time = '', ...rest] = joinPlaceNames(arg(ctx).split(/\s+/).filter((w) => w && !isTimeFrameWord(stripBidiControls(w))));
    // A zone is a word with a slash, one the runtime knows (UTC), or a city («القاهرة»); the other words name briefings.
    // A word that names a briefing is a briefing, even when it is also a city («dubai», «موجز دبي»).
    const all = briefingsOf(deps);
    const isBriefing = (w: string): boolean => {
      const p = pickBriefings(w, all);
      return p.unknown.length === 0 && p.found.length > 0;
    };
    const isZone = (w: string): boolean => w.includes('/') || isValidTimeZone(w) || (zoneOfPlace(w) !== undefined && !isBriefing(w));
    // «م» and «ص» (evening, morning) belong to the time.
    const names = rest.filter((w) => !isZone(w) && !isMeridiemWord(w));
    const timeWords = [time, ...rest.filter(isMeridiemWord), ...rest.filter(isZone)];
    // No briefing named: the default one when the chat subscribes to it or to none, else the one it subscribes to.
    const unnamed = names.length > 0 ? [] : unnamedBriefings(deps, await deps.service.subscriptionsOf(refOf(ctx)!));
    if (unnamed.length > 1) return void (await reply(ctx, TEXT.whichBriefing(unnamed.map((d) => `«${d.title}» (${d.id})`).join('، '), `/time ${time ? timeWords.join(' ') : '07:00'} ${unnamed[0]!.id}`)));
    const picked = names.length > 0 ? pickBriefings(names.join(' '), all) : { found: unnamed, unknown: [] };
    if (picked.unknown.length > 0 || picked.found.length === 0) {
      // The word right after the time (and its «م») is where a zone goes: one the bot does not know is an unknown zone.
      const zoneSpot = rest.find((w) => !isMeridiemWord(w));
      if (zoneSpot !== undefined && !rest.some(isZone) && picked.unknown.includes(zoneSpot)) return void (await reply(ctx, TEXT.badZone(zoneSpot)));
      return void (await reply(ctx, TEXT.unknownBriefing(names.join(' '))));
    }
    for (const def of picked.found) {
      const parsed = parseDeliveryTime(timeWords.join(' '));
      if ('error' in parsed) return void (await reply(ctx, parsed.error === 'time' ? TEXT.badTime : TEXT.badZone(parsed.zone ?? '')));
      // A chat with no subscription to the briefing is subscribed by its /time: say so, as the buttons do.
      const existed = (await deps.service.subscriptionsOf(refOf(ctx)!)).some((s) => s.briefingId === def.id);
      // Without a zone, the one the subscriber chose stays (as with the ⏰ buttons); a new subscription takes the briefing's.
      const sub = await deps.service.updateSubscription(def, refOf(ctx)!, { deliveryTime: parsed.time, ...(parsed.zone ? { timeZone: parsed.zone } : {}) });
      const t = textOf(ctx);
      if (!existed) await reply(ctx, `${t.subscribedTo(def.title, sub.deliveryTime, sub.timeZone)}\n${TEXT.afterSubscribing}`);
      else await reply(ctx, def.id === deps.briefing.id ? t.timeSet(sub.deliveryTime, sub.timeZone) : `«${def.title}»: ${t.timeSet(sub.deliveryTime, sub.timeZone)}`);
    }
  });
  c.callbackQuery(/^time:(\d\d:\d\d)(?:~([^@]+))?(?:@(-?\d+))?$/, async (ctx) => {
    const target = await buttonTarget(ctx, ctx.match[3]);
    if (!target) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    // A button under another briefing's topics names it: "time:19:00~evening".
    const def = ctx.match[2] ? definitionOf(deps, ctx.match[2]) : deps.briefing;
    // A briefing taken away since the keyboard was sent: an old keyboard's button.
    if (!def) return void (await ctx.answerCallbackQuery({ text: TEXT.staleButton }));
    const existed = (await deps.service.subscriptionsOf(target)).some((s) => s.briefingId === def.id);
    const sub = await deps.service.updateSubscription(def, target, { deliveryTime: ctx.match[1]! });
    // A channel's button, pressed in a private chat, speaks of the channel, not of «you».
    const set = ctx.match[3] ? TEXT.channelTimeSet(sub.deliveryTime, sub.timeZone) : textOf(ctx).timeSet(sub.deliveryTime, sub.timeZone);
    await ctx.answerCallbackQuery({ text: existed ? set : textOf(ctx).subscribedTo(def.title, sub.deliveryTime, sub.timeZone) });
  });
  return c;
}
