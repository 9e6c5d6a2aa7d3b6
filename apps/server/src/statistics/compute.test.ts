import { exampleCenter } from '@novbe/core/fixtures';
import { describe, expect, it } from 'vitest';
import { computeStatistics } from './compute';
import { allNumbers, counter, DayLog, mondayMorning, service, stats, time, TUESDAY } from './testing';

describe('computeStatistics', () => {
  const morning = stats(mondayMorning(), '09:00', '11:00');

  it('counts tickets through their whole life', () => {
    expect(morning.totals).toEqual({
      issued: 7,
      called: 5,
      served: 4,
      noShows: 1,
      cancelled: 1,
      transferred: 1,
      recalls: 1,
      stillWaiting: 1,
      atCounter: 0,
      unserved: 0,
      offlineIssued: 1,
      offlineShare: 0.143,
    });
  });

  it('measures waits from issue (the printed time) to the first call, per service', () => {
    // Identity cards: waits 10, 20, 10; P-001 arrives by transfer and adds no second wait.
    expect(service(morning, 'dim-id-card')).toEqual({
      serviceId: 'dim-id-card',
      code: 'DIM-ID',
      name: exampleCenter.services.find((s) => s.id === 'dim-id-card')!.name,
      tickets: 4,
      called: 3,
      served: 4,
      noShows: 0,
      noShowRate: 0,
      meanWaitMin: 13.3,
      medianWaitMin: 10,
      p90WaitMin: 18,
      // A-001 10, P-001's second leg 10, A-002 10, A-003 20.
      meanHandlingMin: 12.5,
    });
    expect(service(morning, 'dim-passport')).toMatchObject({
      tickets: 2,
      called: 1,
      served: 0,
      noShows: 0,
      meanWaitMin: 10,
      // Call 09:22 to transfer 09:34: the first leg's counter time.
      meanHandlingMin: 12,
    });
    // Offline B-001 waited from 09:15 (printed), not 09:20 (synced); the recall restarts nothing.
    expect(service(morning, 'just-birth')).toMatchObject({
      tickets: 1,
      called: 1,
      noShows: 1,
      noShowRate: 1,
      meanWaitMin: 10,
      meanHandlingMin: 4,
    });
  });

  it('lists every configured service, quiet ones as zeros', () => {
    expect(morning.services.map((s) => s.serviceId)).toEqual(exampleCenter.services.map((s) => s.id));
    expect(service(morning, 'bank-loan')).toMatchObject({ tickets: 0, meanWaitMin: 0, noShowRate: 0 });
  });

  it('gives counters their calls, handling, busy and open time', () => {
    expect(counter(morning, 'counter-1')).toEqual({
      counterId: 'counter-1',
      number: 1,
      calls: 3,
      served: 3,
      noShows: 0,
      meanHandlingMin: 10,
      busyMin: 30,
      openMin: 110,
      utilisation: 0.273,
    });
    // Open 09:00–09:55 and 10:12–11:00 (still open at the end of the range); busy 12 + 20.
    expect(counter(morning, 'counter-4')).toMatchObject({
      calls: 2,
      served: 1,
      meanHandlingMin: 16,
      busyMin: 32,
      openMin: 103,
      utilisation: 0.311,
    });
    // Paused at 09:28 with B-001 in hand: open until the no-show at 09:29, not the pause.
    expect(counter(morning, 'counter-9')).toMatchObject({
      calls: 1,
      served: 0,
      noShows: 1,
      busyMin: 4,
      openMin: 24,
      utilisation: 0.167,
    });
    expect(counter(morning, 'counter-30')).toMatchObject({ calls: 0, openMin: 0, utilisation: 0 });
    expect(morning.counters.map((c) => c.number)).toEqual(exampleCenter.counters.map((c) => c.number));
  });

  it('credits staff with the calls they made, a board call to whoever opened the counter', () => {
    expect(morning.staff).toEqual([
      { staffId: 'staff-aysel', name: 'Aysel Məmmədova', calls: 3, served: 3, meanHandlingMin: 10 },
      { staffId: 'staff-rauf', name: 'Rauf Əliyev', calls: 2, served: 1, meanHandlingMin: 16 },
      { staffId: 'staff-leyla', name: 'Leyla Hüseynova', calls: 1, served: 0, meanHandlingMin: 4 },
    ]);
  });

  it('splits the day into hours of center time', () => {
    expect(morning.hours).toEqual([
      { hour: 9, issued: 4, called: 3, meanWaitMin: 10 },
      { hour: 10, issued: 3, called: 2, meanWaitMin: 15 },
    ]);
  });

  it('counts only what happened in the range, with the state the earlier log left', () => {
    const late = stats(mondayMorning(), '10:00', '11:00');
    expect(late.totals).toMatchObject({
      issued: 3,
      called: 2,
      served: 2,
      noShows: 0,
      cancelled: 1,
      transferred: 0,
      recalls: 0,
      stillWaiting: 1,
      offlineIssued: 0,
    });
    // A-002 was issued at 09:50, before the range; its wait ends inside it.
    expect(service(late, 'dim-id-card')).toMatchObject({ tickets: 2, called: 2, meanWaitMin: 15 });
    expect(counter(late, 'counter-1')).toMatchObject({
      calls: 1,
      busyMin: 10,
      openMin: 50,
      utilisation: 0.2,
    });
    expect(counter(late, 'counter-4')).toMatchObject({ busyMin: 20, openMin: 48, utilisation: 0.417 });
    expect(counter(late, 'counter-9')).toMatchObject({ openMin: 0, utilisation: 0 });
    expect(late.hours.map((h) => h.hour)).toEqual([10]);
  });

  it('clips busy and open time that crosses the edges of the range', () => {
    const s = stats(mondayMorning(), '09:25', '09:40');
    // Busy 09:25–09:30 with A-001 and 09:35–09:40 with P-001, still in hand at the end.
    expect(counter(s, 'counter-1')).toMatchObject({ busyMin: 10, openMin: 15, utilisation: 0.667 });
    expect(s.totals).toMatchObject({ issued: 0, served: 1, transferred: 1, atCounter: 0 });
  });

  it('tells tickets still waiting or at a counter from those issued in the range', () => {
    const s = stats(mondayMorning(), '09:00', '09:40');
    expect(s.totals).toMatchObject({ issued: 3, served: 1, noShows: 1, stillWaiting: 0, atCounter: 1 });
  });

  it('ends a counter left open, and the tickets left waiting, with their center day', () => {
    const log = new DayLog()
      .counter('18:00', 'opened', 'counter-1', 'staff-aysel')
      .issue('18:30', 'A-090', 'dim-id-card');
    const tuesday = new DayLog(exampleCenter, TUESDAY).issue('09:00', 'A-001', 'dim-id-card');
    const events = [
      ...log.events,
      ...tuesday.events.map((e, i) => ({ ...e, seq: log.events.length + i + 1 })),
    ];
    const s = computeStatistics(events, exampleCenter, { from: time('18:00'), to: time('12:00', TUESDAY) });
    // The center day ends at 04:00: ten hours open, not eighteen.
    expect(counter(s, 'counter-1')).toMatchObject({ openMin: 600, busyMin: 0 });
    expect(s.totals).toMatchObject({ issued: 2, stillWaiting: 1, unserved: 1 });
  });

  it('gives zeros, never NaN, for an empty log', () => {
    const s = computeStatistics([], exampleCenter, { from: time('09:00'), to: time('19:00') });
    expect(s.totals).toEqual({
      issued: 0,
      called: 0,
      served: 0,
      noShows: 0,
      cancelled: 0,
      transferred: 0,
      recalls: 0,
      stillWaiting: 0,
      atCounter: 0,
      unserved: 0,
      offlineIssued: 0,
      offlineShare: 0,
    });
    expect(s.staff).toEqual([]);
    expect(s.hours).toEqual([]);
    expect(s.services).toHaveLength(exampleCenter.services.length);
    expect(allNumbers(s).every((n) => Number.isFinite(n))).toBe(true);
    const counts = [...s.services, ...s.counters.map(({ number: _, ...c }) => c)];
    expect(allNumbers(counts).every((n) => n === 0)).toBe(true);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => computeStatistics([], exampleCenter, { from: time('10:00'), to: time('09:00') })).toThrow(
      RangeError,
    );
  });
});
