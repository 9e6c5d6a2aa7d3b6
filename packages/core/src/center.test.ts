import { describe, expect, it } from 'vitest';
import { CenterIndex, parseCenter } from './center';
import { InvalidCenterError } from './errors';
import { exampleCenter, exampleCenterInput } from './fixtures';

describe('center model', () => {
  it('ships a realistic example center', () => {
    expect(exampleCenter.agencies).toHaveLength(10);
    expect(exampleCenter.services.length).toBeGreaterThanOrEqual(38);
    expect(exampleCenter.counters).toHaveLength(30);
    expect(exampleCenter.halls).toHaveLength(2);
    expect(exampleCenter.agencies.some((a) => a.kind === 'private')).toBe(true);
    const index = new CenterIndex(exampleCenter);
    for (const s of exampleCenter.services) {
      expect(index.countersByService.get(s.id)?.length, `${s.id} has a counter`).toBeGreaterThan(0);
      for (const c of index.countersByService.get(s.id)!) expect(c.hallId).toBe(s.hallId);
    }
  });

  it('names every broken reference with its path', () => {
    const broken = JSON.parse(JSON.stringify(exampleCenterInput)) as typeof exampleCenterInput;
    broken.counters[0]!.services.push({ serviceId: 'no-such-service', weight: 1 });
    broken.services[1]!.agencyId = 'nobody';
    broken.counters[2]!.number = broken.counters[3]!.number;
    let error: unknown;
    try {
      parseCenter(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidCenterError);
    const issues = (error as InvalidCenterError).issues.join('\n');
    expect(issues).toContain('counters.0.services.2.serviceId: unknown service "no-such-service"');
    expect(issues).toContain('services.1.agencyId: unknown agency "nobody"');
    expect(issues).toMatch(/counters\.3: duplicate 4 in counters/);
  });

  it('rejects bad values with what was expected', () => {
    const bad = JSON.parse(JSON.stringify(exampleCenterInput)) as typeof exampleCenterInput;
    bad.hours.timeZone = 'Mars/Olympus';
    bad.services[0]!.prefix = 'K1';
    bad.services[0]!.name.az = '';
    expect(() => parseCenter(bad)).toThrow(/hours\.timeZone: an IANA time zone/);
    expect(() => parseCenter(bad)).toThrow(/services\.0\.prefix: one or two capital letters/);
    expect(() => parseCenter(bad)).toThrow(/services\.0\.name\.az/);
  });

  it('fills the dispatch rules with defaults', () => {
    const { rules: _rules, ...input } = JSON.parse(
      JSON.stringify(exampleCenterInput),
    ) as typeof exampleCenterInput;
    const center = parseCenter(input);
    expect(center.rules).toEqual({
      privilegedPerRegular: 3,
      maxWaitMin: 90,
      transferKeepsWaitingTime: true,
      appointmentWindow: { earlyMin: 30, lateMin: 10 },
    });
  });
});
