import type { Center } from '@novbe/core';
import type { WaitEstimateView } from '@novbe/protocol';

/** What the server last said about a service's line (from `service-info` or an online issue). */
export interface KnownLine {
  readonly waiting: number;
  readonly estimate: WaitEstimateView | null;
  readonly at: number;
}

/**
 * The people-ahead count and wait range printed when the server gave none (offline, or no
 * counter open yet). The printed ticket must carry both, so the kiosk derives them from what
 * it knows: the last line the server reported plus the offline tickets issued here since, and
 * the service's configured handling time spread over the counters that serve it. The range is
 * deliberately wide: it is a guess, and the hall screens correct it once the link is back.
 */
export function offlineEstimate(
  center: Center,
  serviceId: string,
  known: KnownLine | undefined,
  issuedHereSince: number,
): WaitEstimateView {
  const service = center.services.find((s) => s.id === serviceId);
  const counters = center.counters.filter((c) => c.services.some((s) => s.serviceId === serviceId)).length;
  const perTicketMin = (service?.expectedHandlingMin ?? 5) / Math.max(1, counters);
  const ahead = (known?.waiting ?? 0) + issuedHereSince;
  if (known?.estimate) {
    const extra = issuedHereSince * perTicketMin;
    return {
      ahead,
      expectedMin: round(known.estimate.expectedMin + extra),
      lowMin: round(known.estimate.lowMin + extra * 0.5),
      highMin: round(known.estimate.highMin + extra * 1.5),
    };
  }
  const expected = ahead * perTicketMin;
  return {
    ahead,
    expectedMin: round(expected),
    lowMin: round(expected * 0.5),
    highMin: round(expected * 1.5 + perTicketMin),
  };
}

const round = (min: number) => Math.round(min * 10) / 10;
