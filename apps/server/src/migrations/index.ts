import type { Migration } from '@novbe/store';
import { migration as m0010 } from './0010-event-log';
import { migration as m0020 } from './0020-settings';
import { migration as m0030 } from './0030-devices';
import { migration as m0040 } from './0040-staff';
import { migration as m0050 } from './0050-tickets';
import { migration as m0060 } from './0060-appointments';
import { migration as m0070 } from './0070-device-status';
import { migration as m0080 } from './0080-cancelled-ids';
import { migration as m0090 } from './0090-lean-projections';
import { migration as m0100 } from './0100-event-versions';
import { migration as m0110 } from './0110-event-macs';

/** The server's schema, in order; `migrate` asserts the numbering. */
export const MIGRATIONS: readonly Migration[] = [
  m0010,
  m0020,
  m0030,
  m0040,
  m0050,
  m0060,
  m0070,
  m0080,
  m0090,
  m0100,
  m0110,
];
