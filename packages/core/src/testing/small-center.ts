import { parseCenter, type Center } from '../center';

const text = (s: string) => ({ az: s, ru: s, en: s });

/**
 * A center small enough to reason about in tests: three services, four counters that share
 * them with different weights, one hall.
 */
export function smallCenter(overrides: Partial<Center['rules']> = {}): Center {
  return parseCenter({
    id: 'test',
    name: text('Test center'),
    hours: { timeZone: 'Asia/Baku', dayStart: '04:00', week: { mon: { open: '09:00', close: '18:00' } } },
    rules: { privilegedPerRegular: 2, maxWaitMin: 60, transferKeepsWaitingTime: true, ...overrides },
    agencies: [{ id: 'a', kind: 'government', name: text('Agency') }],
    halls: [{ id: 'h', name: text('Hall') }],
    services: [
      {
        id: 's1',
        agencyId: 'a',
        code: 'S1',
        prefix: 'A',
        hallId: 'h',
        expectedHandlingMin: 10,
        name: text('One'),
      },
      {
        id: 's2',
        agencyId: 'a',
        code: 'S2',
        prefix: 'B',
        hallId: 'h',
        expectedHandlingMin: 5,
        name: text('Two'),
      },
      {
        id: 's3',
        agencyId: 'a',
        code: 'S3',
        prefix: 'C',
        hallId: 'h',
        expectedHandlingMin: 20,
        maxWaitMin: 30,
        name: text('Three'),
      },
    ],
    counters: [
      {
        id: 'c1',
        number: 1,
        hallId: 'h',
        services: [
          { serviceId: 's1', weight: 3 },
          { serviceId: 's2', weight: 1 },
        ],
      },
      { id: 'c2', number: 2, hallId: 'h', services: [{ serviceId: 's2', weight: 3 }] },
      {
        id: 'c3',
        number: 3,
        hallId: 'h',
        services: [
          { serviceId: 's3', weight: 2 },
          { serviceId: 's1', weight: 1 },
        ],
      },
      {
        id: 'c4',
        number: 4,
        hallId: 'h',
        services: [
          { serviceId: 's1', weight: 1 },
          { serviceId: 's2', weight: 1 },
          { serviceId: 's3', weight: 1 },
        ],
      },
    ],
  });
}

/** 2026-11-23 09:00 in Baku (a Monday). */
export const MONDAY_9AM = Date.parse('2026-11-23T09:00:00+04:00');
export const MIN = 60_000;
