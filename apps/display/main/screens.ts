import { z } from 'zod';
import type { Monitors, ShellLogger, WindowPlan } from '@novbe/appliance';
import { DISPLAY_SITE } from './display-site';

/** One screen this display PC shows: a hall screen or a counter board, on one monitor. */
export type ScreenPlan =
  | { readonly mode: 'hall'; readonly hallId: string; readonly monitor: number }
  | { readonly mode: 'counter'; readonly counterId: string; readonly monitor: number };

const ID = /^[A-Za-z0-9_.-]{1,40}$/;
const ENTRY = /^(hall|counter):([^@]*)(?:@(\d{1,2}))?$/;

/** What `NOVBE_DISPLAY_SCREENS` expects, for the error message. */
export const SCREENS_EXPECTED =
  'a comma-separated list of hall:<hall id> or counter:<counter id>, each with an optional @<monitor> (0 = primary), e.g. hall:h1,counter:c3@1';

/**
 * `NOVBE_DISPLAY_SCREENS`: `hall:h1` or `hall:h1,counter:c3@1`, which screen on which monitor.
 * `@N` is the monitor: 0 the primary, 1, 2… the others from left to right; without it, an entry's
 * monitor is its place in the list. One screen per monitor.
 */
export const ScreensSpec = z
  .string()
  .min(1)
  .transform((text, ctx) => {
    const plans: ScreenPlan[] = [];
    const entries = text.split(',').map((e) => e.trim());
    entries.forEach((entry, i) => {
      const m = ENTRY.exec(entry);
      if (!m || !ID.test(m[2]!)) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} (${JSON.stringify(entry.slice(0, 50))})` });
        return;
      }
      const monitor = m[3] === undefined ? i : Number(m[3]);
      plans.push(
        m[1] === 'hall'
          ? { mode: 'hall', hallId: m[2]!, monitor }
          : { mode: 'counter', counterId: m[2]!, monitor },
      );
    });
    const taken = new Set<number>();
    for (const plan of plans) {
      if (taken.has(plan.monitor))
        ctx.addIssue({ code: 'custom', message: `two screens on monitor ${plan.monitor}` });
      taken.add(plan.monitor);
    }
    return plans;
  });

/**
 * The renderer's address for one screen: `novbe://display/index.html?mode=hall&hall=h1` or
 * `?mode=counter&counter=c3`. Only the first hall screen of a hall speaks (`sound=off` on the
 * others), so two screens of one hall on one PC do not call every number twice.
 */
export function screenUrl(plan: ScreenPlan, speaks = true): string {
  const query =
    plan.mode === 'hall'
      ? new URLSearchParams({ mode: 'hall', hall: plan.hallId, ...(speaks ? {} : { sound: 'off' }) })
      : new URLSearchParams({ mode: 'counter', counter: plan.counterId });
  return `${DISPLAY_SITE.indexUrl}?${query}`;
}

/**
 * The windows for the screens, each over its monitor. A monitor that is not connected (a TV
 * switched off at boot) gets its screen on the primary instead, with a warning: a screen shown
 * in the wrong place is noticed and fixed, one never shown is not.
 */
export function placeScreens(
  plans: readonly ScreenPlan[],
  monitors: Monitors,
  log?: ShellLogger,
): WindowPlan[] {
  const primary = monitors.getPrimaryDisplay();
  const others = monitors
    .getAllDisplays()
    .filter((d) => d.id !== primary.id)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  const ordered = [primary, ...others];
  const halls = new Set<string>();
  return plans.map((plan) => {
    let display = ordered[plan.monitor];
    if (!display) {
      log?.warn(
        { monitor: plan.monitor, monitors: ordered.length, mode: plan.mode },
        'no such monitor; the screen goes on the primary one',
      );
      display = primary;
    }
    const speaks = plan.mode === 'hall' && !halls.has(plan.hallId);
    if (plan.mode === 'hall') halls.add(plan.hallId);
    return { url: screenUrl(plan, speaks), bounds: display.bounds };
  });
}
