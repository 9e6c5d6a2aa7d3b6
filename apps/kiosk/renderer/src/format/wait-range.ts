import { fill, formatMinutes, kioskMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import type { WaitEstimateView } from '@novbe/protocol';

/**
 * An estimated wait as a range the citizen reads at a glance: "12–18 dəq", "1 saat – 1 saat 20 dəq",
 * one value when the ends meet, "under a minute" at the start of the queue; `null` when unknown.
 */
export function formatWaitRange(language: Language, estimate: WaitEstimateView | null): string | null {
  if (!estimate) return null;
  const m = kioskMessages[language].service;
  const low = Math.max(0, Math.round(Math.min(estimate.lowMin, estimate.highMin)));
  const high = Math.max(0, Math.round(Math.max(estimate.lowMin, estimate.highMin)));
  if (high < 1) return m.underAMinute;
  if (low === high) return high < 60 ? fill(m.minutes, { minutes: high }) : formatMinutes(language, high);
  if (high < 60) return fill(m.minutesRange, { low, high });
  return `${formatMinutes(language, low)} – ${formatMinutes(language, high)}`;
}
