import { parseCenter, type Center } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';

/** Everything that shapes a simulated day. Every field is a parameter, none is tuned to one run. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly center: Center;
  /** The simulated date, `YYYY-MM-DD`, in the center's time zone. */
  readonly date: string;
  readonly totalTickets: number;
  /** Relative arrivals for each opening hour, first hour first. */
  readonly arrivalsByHour: readonly number[];
  /** Relative demand per service id; services not listed weigh 1. */
  readonly serviceMix: Readonly<Record<string, number>>;
  /** True mean handling time ÷ the configured one, per service (the config is never exact). */
  readonly handlingBias: Readonly<Record<string, number>>;
  /** True mean handling time ÷ the configured one, for the whole center (staff speed). */
  readonly handlingScale: number;
  /** Coefficient of variation of handling times (log-normal). */
  readonly handlingCv: number;
  /** Walk from the hall seat to the counter, minutes. */
  readonly walkMin: readonly [min: number, max: number];
  /** Share of called citizens who do not come; staff recall once and wait this long. */
  readonly noShowRate: number;
  readonly noShowWaitMin: number;
  /** Share of served citizens sent on to another service of the same agency. */
  readonly transferRate: number;
  /** Share of walk-ins entitled to priority (disability, elderly, veterans). */
  readonly priorityShare: number;
  /** Share of tickets that are booked appointments (for services that take them). */
  readonly appointmentShare: number;
  /** Counters closed all day (staff off sick). */
  readonly closedCounters: readonly number[];
  /** Lunch break length; counters go in staggered waves from `lunchFrom`. */
  readonly lunchMin: number;
  readonly lunchFrom: string;
  /** Short breaks a counter takes during the day, and their length. */
  readonly shortBreaks: number;
  readonly shortBreakMin: number;
}

/** Demand in a Baku center: identity documents, pensions and the notary dominate. */
const WEEKDAY_MIX: Record<string, number> = {
  'dim-id-card': 7,
  'dim-passport': 5.5,
  'dim-registration': 4,
  'dim-criminal-record': 3,
  'dim-driving-licence': 4,
  'dim-vehicle': 2,
  'just-birth': 2,
  'just-marriage': 1,
  'just-poa': 3,
  'just-contract': 1.5,
  'just-inheritance': 1.5,
  'just-apostille': 1.5,
  'just-duplicate': 1,
  'mig-temp-residence': 2,
  'mig-perm-residence': 1,
  'mig-work-permit': 1.5,
  'mig-stay': 2,
  'mig-citizenship': 0.5,
  'sp-pension': 4,
  'sp-benefit': 3,
  'sp-disability': 1.5,
  'sp-employment': 2,
  'sp-certificate': 2,
  'prop-extract': 2.5,
  'prop-registration': 1.2,
  'prop-mortgage': 0.8,
  'tax-tin': 2,
  'tax-declaration': 1.5,
  'tax-certificate': 2,
  'cus-declaration': 0.8,
  'cus-parcel': 1.2,
  'cus-vehicle': 0.7,
  'health-insurance': 2,
  'health-certificate': 1.5,
  'bank-account': 1.2,
  'bank-payments': 1.2,
  'bank-loan': 0.4,
  'util-electricity': 1.2,
  'util-gas': 1,
  'util-water': 0.8,
};

/** Some services run slower or faster than configured; the estimator must learn it. */
const WEEKDAY_BIAS: Record<string, number> = {
  'dim-id-card': 1.15,
  'dim-passport': 0.9,
  'just-poa': 1.25,
  'sp-pension': 1.2,
  'prop-extract': 0.85,
  'bank-payments': 1.3,
  'tax-tin': 0.8,
  'mig-temp-residence': 1.1,
};

const weekday: Scenario = {
  name: 'weekday',
  description: 'An ordinary weekday: 3,000 tickets, morning peak, 30 counters, staggered lunch',
  seed: 20261123,
  center: exampleCenter,
  date: '2026-11-23',
  totalTickets: 3000,
  arrivalsByHour: [1.25, 1.6, 1.5, 1.2, 0.95, 1.0, 0.95, 0.8, 0.6, 0.35],
  serviceMix: WEEKDAY_MIX,
  handlingBias: WEEKDAY_BIAS,
  handlingScale: 0.85,
  handlingCv: 0.55,
  walkMin: [0.3, 1.2],
  noShowRate: 0.05,
  noShowWaitMin: 2,
  transferRate: 0.03,
  priorityShare: 0.07,
  appointmentShare: 0.04,
  closedCounters: [],
  lunchMin: 45,
  lunchFrom: '12:00',
  shortBreaks: 2,
  shortBreakMin: 10,
};

const mondayRush: Scenario = {
  ...weekday,
  name: 'monday-rush',
  description: 'Monday after a holiday: 3,400 tickets, a steep 09:00–11:00 peak',
  seed: 7,
  totalTickets: 3400,
  arrivalsByHour: [2.4, 2.0, 1.3, 0.9, 0.7, 0.7, 0.6, 0.5, 0.35, 0.2],
};

const pensionDay: Scenario = {
  ...weekday,
  name: 'pension-day',
  description: 'Pension and benefit recalculation week: social protection demand ×2, many elderly',
  seed: 42,
  serviceMix: { ...WEEKDAY_MIX, 'sp-pension': 9, 'sp-benefit': 6, 'sp-certificate': 4, 'sp-disability': 2.5 },
  priorityShare: 0.16,
};

const shortStaffed: Scenario = {
  ...weekday,
  name: 'short-staffed',
  description: 'Flu season: six counters closed all day, 2,600 tickets, longer lunches',
  seed: 99,
  totalTickets: 2600,
  closedCounters: [3, 9, 14, 19, 22, 27],
  lunchMin: 60,
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  weekday,
  'monday-rush': mondayRush,
  'pension-day': pensionDay,
  'short-staffed': shortStaffed,
};

export const DEFAULT_SCENARIO = 'weekday';

/** A named scenario with overrides (seed, ticket count…); the center is re-validated. */
export function scenario(name: string, overrides: Partial<Scenario> = {}): Scenario {
  const base = SCENARIOS[name];
  if (!base) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const s = { ...base, ...overrides };
  return { ...s, center: parseCenter(s.center) };
}
