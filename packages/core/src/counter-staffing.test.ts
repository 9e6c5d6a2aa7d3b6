import { describe, expect, it } from 'vitest';
import { CenterIndex, parseCenter } from './center';
import { assertMayWorkCounter, counterRefusal } from './counter-staffing';
import { CounterNotPermittedError, UnknownEntityError } from './errors';
import { exampleCenterInput } from './fixtures';

// Counter 1 serves ID cards and passports (agency dim); counter 30 is
// the tax office's. A mixed counter 31 serves dim and justice.
const input = JSON.parse(JSON.stringify(exampleCenterInput)) as typeof exampleCenterInput;
input.counters.push({
  id: 'counter-31',
  number: 31,
  hallId: 'hall-1',
  services: [{ serviceId: 'dim-id-card' }, { serviceId: 'just-poa' }],
});
const index = new CenterIndex(parseCenter(input));
const staff = (id: string) => index.center.staff.find((s) => s.id === id)!;

describe('who may work a counter', () => {
  it('lets an operator work the counters of their agency, and only those', () => {
    expect(counterRefusal(index, staff('staff-aysel'), 'counter-1')).toBeNull();
    expect(counterRefusal(index, staff('staff-aysel'), 'counter-30')).toMatch(
      /works for dim; counter 30 serves tax/,
    );
    expect(counterRefusal(index, staff('staff-leyla'), 'counter-6')).toBeNull();
  });

  it('refuses a counter that also serves another agency', () => {
    expect(counterRefusal(index, staff('staff-aysel'), 'counter-31')).toMatch(/serves justice/);
    expect(counterRefusal(index, staff('staff-leyla'), 'counter-31')).toMatch(/serves dim/);
  });

  it("lets the center's own staff (no agency) work any counter, if they are operators", () => {
    expect(counterRefusal(index, staff('staff-nigar'), 'counter-31')).toBeNull();
    expect(counterRefusal(index, staff('staff-admin'), 'counter-1')).toMatch(/not an operator/);
  });

  it('throws named errors', () => {
    expect(() => assertMayWorkCounter(index, 'staff-tural', 'counter-1')).toThrow(CounterNotPermittedError);
    expect(() => assertMayWorkCounter(index, 'staff-nobody', 'counter-1')).toThrow(UnknownEntityError);
    expect(() => assertMayWorkCounter(index, 'staff-aysel', 'counter-99')).toThrow(UnknownEntityError);
    expect(assertMayWorkCounter(index, 'staff-rauf', 'counter-4').id).toBe('staff-rauf');
  });
});
