import { describe, expect, it } from 'vitest';
import { summarise, type DayReport } from './report';
import { scenario, SCENARIOS } from './scenario';
import { simulateDay } from './simulate';

const stable = ({ wallMs: _w, dispatchPerSecond: _d, ...rest }: DayReport) => rest;

describe('simulated center day', () => {
  it('replays the same day from the same seed, and another day from another', () => {
    const a = summarise(simulateDay(scenario('weekday', { totalTickets: 600 })));
    const b = summarise(simulateDay(scenario('weekday', { totalTickets: 600 })));
    const c = summarise(simulateDay(scenario('weekday', { totalTickets: 600, seed: 1 })));
    expect(stable(a)).toEqual(stable(b));
    expect(stable(c)).not.toEqual(stable(a));
  });

  it('accounts for every citizen: served or no-show, none left waiting', () => {
    const result = simulateDay(scenario('weekday'));
    const report = summarise(result);
    expect(report.tickets).toBe(3000);
    expect(report.served + report.noShows).toBe(3000);
    expect(result.tickets.every((t) => t.firstCalledAt !== null && t.firstCalledAt >= t.issuedAt)).toBe(true);
    expect(report.transfers).toBeGreaterThan(0);
    expect(report.meanUtilisation).toBeGreaterThan(0.5);
    expect(report.meanUtilisation).toBeLessThan(1);
    expect(report.perService.reduce((n, s) => n + s.tickets, 0)).toBe(3000);
  });

  it('serves each scenario with our estimate well ahead of the naive one', () => {
    for (const name of Object.keys(SCENARIOS)) {
      const report = summarise(simulateDay(scenario(name)));
      expect(report.estimate.ratio, name).toBeLessThan(0.7);
      expect(report.estimate.samples, name).toBeGreaterThan(2000);
    }
  });

  it('takes its shape from parameters: a later peak moves the waits', () => {
    const early = summarise(
      simulateDay(scenario('weekday', { arrivalsByHour: [3, 3, 1, 1, 1, 1, 1, 1, 0.5, 0.5] })),
    );
    const flat = summarise(
      simulateDay(scenario('weekday', { arrivalsByHour: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })),
    );
    expect(early.meanWaitMin).toBeGreaterThan(flat.meanWaitMin);
    expect(() => scenario('no-such-day')).toThrow(/unknown scenario/);
  });
});
