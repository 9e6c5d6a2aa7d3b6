import { z } from 'zod';
import { InvalidCenterError } from './errors';

/** The citizen-facing languages; Azerbaijani is the default. */
export const LANGUAGES = ['az', 'ru', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

const nonEmpty = z.string().trim().min(1);

/** A text a citizen reads, in every language the center speaks. */
export const LocalizedText = z.object({ az: nonEmpty, ru: nonEmpty, en: nonEmpty });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const EntityId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40');

/** 'HH:MM', 24-hour clock. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as 'HH:MM'");
export type TimeOfDay = z.infer<typeof TimeOfDay>;

export const Agency = z.object({
  id: EntityId,
  name: LocalizedText,
  kind: z.enum(['government', 'private']),
});
export type Agency = z.infer<typeof Agency>;

/**
 * A ticket prefix: one or two capital Latin letters. Kiosks issuing with no lease left use
 * a prefix with a digit (`K1`), so the two can never collide.
 */
export const ServicePrefix = z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters A-Z');

export const Service = z.object({
  id: EntityId,
  agencyId: EntityId,
  /** Short code staff and reports use, e.g. `IA-PASSPORT`. */
  code: z.string().regex(/^[A-Z0-9-]{2,24}$/),
  name: LocalizedText,
  /** Documents the citizen should bring, shown on the kiosk before the ticket prints. */
  documents: z.array(LocalizedText).default([]),
  prefix: ServicePrefix,
  hallId: EntityId,
  expectedHandlingMin: z.number().positive().max(240),
  requiresIdCard: z.boolean().default(false),
  /** Overrides the center's max-wait rule for this service. */
  maxWaitMin: z
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
  /** Appointment slot length; services without it take no appointments. */
  appointmentSlotMin: z.number().int().positive().max(240).optional(),
});
export type Service = z.infer<typeof Service>;

/** What a hall's screens show besides the calls. */
export const HallScreen = z.object({
  /** How many earlier calls the hall screen lists beside the newest ones. */
  recentCalls: z.number().int().min(0).max(12).default(6),
  /** Show how many people wait in this hall. */
  showWaiting: z.boolean().default(true),
  /** A line of text running along the bottom of the screen, set by the center. */
  ticker: LocalizedText.optional(),
  /**
   * A media area: a video (or sound) the screen plays in a loop beside the calls, muted while a
   * call is spoken. An http(s) address the screens can reach (e.g. a file on the center's LAN).
   */
  media: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
export type HallScreen = z.infer<typeof HallScreen>;

export const Hall = z.object({
  id: EntityId,
  name: LocalizedText,
  /** The hall's floor, numbered as the building's own signs number it. */
  floor: z.number().int().min(-5).max(200).default(1),
  screen: HallScreen.default(HallScreen.parse({})),
});
export type Hall = z.infer<typeof Hall>;

/** A way to point citizens to a counter: an arrow on the hall screen. */
export const Direction = z.enum(['left', 'right', 'ahead', 'behind', 'upstairs', 'downstairs']);
export type Direction = z.infer<typeof Direction>;

export const CounterService = z.object({
  serviceId: EntityId,
  /**
   * How strongly this counter prefers the service, 1 (fallback) to 10 (main job). Dispatch
   * compares waiting time × weight, so a weight-3 ticket that waited 5 min beats a weight-1
   * ticket that waited 14 min.
   */
  weight: z.number().min(1).max(10).default(1),
});
export type CounterService = z.infer<typeof CounterService>;

export const Counter = z.object({
  id: EntityId,
  /** The number citizens see on the boards and hear in calls. */
  number: z.number().int().positive().max(999),
  hallId: EntityId,
  services: z.array(CounterService).min(1),
  /** Which way the counter is from the hall's screen, shown beside each call. */
  direction: Direction.optional(),
});
export type Counter = z.infer<typeof Counter>;

export const StaffRole = z.enum(['operator', 'supervisor', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Staff = z.object({
  id: EntityId,
  name: nonEmpty,
  login: z.string().regex(/^[a-z0-9._-]{2,32}$/),
  agencyId: EntityId.optional(),
  roles: z.array(StaffRole).min(1),
});
export type Staff = z.infer<typeof Staff>;

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

const DayHours = z
  .object({ open: TimeOfDay, close: TimeOfDay })
  .refine((h) => h.open < h.close, 'open must be before close');

export const OpeningHours = z.object({
  /** IANA time zone of the center, e.g. `Asia/Baku`. */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Baku'),
  /** Daily ticket sequences restart at this local time. */
  dayStart: TimeOfDay.default('04:00'),
  /** Missing or null days are closed. */
  week: z.partialRecord(Weekday, DayHours.nullable()),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const DispatchRules = z.object({
  /**
   * Interleaving: after this many privileged calls (appointments due, disability, elderly,
   * veterans) in a row, a counter calls one regular ticket if any is waiting.
   */
  privilegedPerRegular: z.number().int().min(1).max(50).default(3),
  /** A ticket waiting this long is called before anything else its counter serves. */
  maxWaitMin: z
    .number()
    .positive()
    .max(24 * 60)
    .default(90),
  /** A transferred ticket keeps the waiting time it had (true) or starts afresh (false). */
  transferKeepsWaitingTime: z.boolean().default(true),
  /** When an appointment may be checked in, relative to its slot. */
  appointmentWindow: z
    .object({
      earlyMin: z.number().int().min(0).max(240).default(30),
      lateMin: z.number().int().min(0).max(120).default(10),
    })
    .default({ earlyMin: 30, lateMin: 10 }),
});
export type DispatchRules = z.infer<typeof DispatchRules>;

/**
 * Spoken calls: the languages in order, `citizen` meaning the language the citizen chose at the
 * kiosk (said only when it is not already in the list before it).
 */
export const Announcements = z.object({
  enabled: z.boolean().default(true),
  languages: z
    .array(z.enum([...LANGUAGES, 'citizen']))
    .min(1)
    .max(4)
    .default(['az', 'citizen']),
});
export type Announcements = z.infer<typeof Announcements>;

export const Center = z
  .object({
    id: EntityId,
    name: LocalizedText,
    address: LocalizedText.optional(),
    hours: OpeningHours,
    rules: DispatchRules.default(DispatchRules.parse({})),
    agencies: z.array(Agency).min(1),
    halls: z.array(Hall).min(1),
    services: z.array(Service).min(1),
    counters: z.array(Counter),
    staff: z.array(Staff).default([]),
    announcements: Announcements.default(Announcements.parse({})),
  })
  .superRefine((center, ctx) => {
    for (const issue of crossReferenceIssues(center)) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  });
export type Center = z.infer<typeof Center>;
export type CenterInput = z.input<typeof Center>;

interface RefIssue {
  path: (string | number)[];
  message: string;
}

function crossReferenceIssues(center: Omit<Center, never>): RefIssue[] {
  const issues: RefIssue[] = [];
  const unique = <T>(list: readonly T[], key: (item: T) => string | number, at: string) => {
    const seen = new Set<string | number>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) issues.push({ path: [at, i], message: `duplicate ${String(k)} in ${at}` });
      seen.add(k);
    });
  };
  unique(center.agencies, (a) => a.id, 'agencies');
  unique(center.halls, (h) => h.id, 'halls');
  unique(center.services, (s) => s.id, 'services');
  unique(center.services, (s) => s.code, 'services');
  unique(center.counters, (c) => c.id, 'counters');
  unique(center.counters, (c) => c.number, 'counters');
  unique(center.staff, (s) => s.id, 'staff');
  unique(center.staff, (s) => s.login, 'staff');

  const agencies = new Set(center.agencies.map((a) => a.id));
  const halls = new Set(center.halls.map((h) => h.id));
  const services = new Set(center.services.map((s) => s.id));
  center.services.forEach((s, i) => {
    if (!agencies.has(s.agencyId))
      issues.push({ path: ['services', i, 'agencyId'], message: `unknown agency "${s.agencyId}"` });
    if (!halls.has(s.hallId))
      issues.push({ path: ['services', i, 'hallId'], message: `unknown hall "${s.hallId}"` });
  });
  center.counters.forEach((c, i) => {
    if (!halls.has(c.hallId))
      issues.push({ path: ['counters', i, 'hallId'], message: `unknown hall "${c.hallId}"` });
    unique(c.services, (s) => s.serviceId, `counters.${i}.services`);
    c.services.forEach((s, j) => {
      if (!services.has(s.serviceId))
        issues.push({
          path: ['counters', i, 'services', j, 'serviceId'],
          message: `unknown service "${s.serviceId}"`,
        });
    });
  });
  center.staff.forEach((s, i) => {
    if (s.agencyId && !agencies.has(s.agencyId))
      issues.push({ path: ['staff', i, 'agencyId'], message: `unknown agency "${s.agencyId}"` });
  });
  return issues;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates a center configuration (shape and cross-references) and fills defaults.
 * Throws `InvalidCenterError` listing every problem with its path.
 */
export function parseCenter(input: unknown): Center {
  const result = Center.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidCenterError(
    result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
  );
}

export interface ServiceGroup {
  readonly services: ReadonlySet<string>;
  readonly counters: ReadonlySet<string>;
}

/** Connected groups of the service–counter graph, keyed by every service id in them. */
function groupServices(center: Center): Map<string, ServiceGroup> {
  const parent = new Map<string, string>(center.services.map((s) => [s.id, s.id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const c of center.counters) {
    const first = find(c.services[0]!.serviceId);
    for (const { serviceId } of c.services) parent.set(find(serviceId), first);
  }
  const groups = new Map<string, { services: Set<string>; counters: Set<string> }>();
  for (const s of center.services) {
    const root = find(s.id);
    if (!groups.has(root)) groups.set(root, { services: new Set(), counters: new Set() });
    groups.get(root)!.services.add(s.id);
  }
  for (const c of center.counters) groups.get(find(c.services[0]!.serviceId))!.counters.add(c.id);
  return new Map(center.services.map((s) => [s.id, groups.get(find(s.id))!]));
}

/** Fast look-ups over a validated center, built once. */
export class CenterIndex {
  readonly services: ReadonlyMap<string, Service>;
  readonly counters: ReadonlyMap<string, Counter>;
  readonly agencies: ReadonlyMap<string, Agency>;
  /** For each service, the counters able to serve it. */
  readonly countersByService: ReadonlyMap<string, readonly Counter[]>;
  /**
   * Services and counters that share work, directly or through one another (usually one
   * agency's desks). What happens in one group never changes the waits of another.
   */
  readonly groups: ReadonlyMap<string, ServiceGroup>;

  constructor(readonly center: Center) {
    this.services = new Map(center.services.map((s) => [s.id, s]));
    this.counters = new Map(center.counters.map((c) => [c.id, c]));
    this.agencies = new Map(center.agencies.map((a) => [a.id, a]));
    const byService = new Map<string, Counter[]>();
    for (const counter of center.counters) {
      for (const { serviceId } of counter.services) {
        const list = byService.get(serviceId) ?? [];
        list.push(counter);
        byService.set(serviceId, list);
      }
    }
    this.countersByService = byService;
    this.groups = groupServices(center);
  }

  /** The max-wait limit of a service in milliseconds. */
  maxWaitMs(serviceId: string): number {
    const service = this.services.get(serviceId);
    return (service?.maxWaitMin ?? this.center.rules.maxWaitMin) * 60_000;
  }
}
