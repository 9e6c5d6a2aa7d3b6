import type { Migration } from '@novbe/store';
import { migration as m0010 } from './0010-tickets';
import { migration as m0020 } from './0020-outbox';
import { migration as m0030 } from './0030-leases';
import { migration as m0040 } from './0040-config-cache';
import { migration as m0050 } from './0050-identity';

/** The kiosk agent's schema, in order; `migrate` asserts the numbering. */
export const KIOSK_MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050];
