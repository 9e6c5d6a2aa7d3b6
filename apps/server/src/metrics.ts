import type { CenterEvent } from '@novbe/protocol';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CenterService } from './center/center-service';
import type { EventHub } from './event-hub';

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics: process defaults plus what a center manager watches. */
export function createMetrics(service: CenterService, hub: EventHub) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'novbe_' });
  const events = new Counter({
    name: 'novbe_events_total',
    help: 'Events committed to the log, by type',
    labelNames: ['type'],
    registers: [registry],
  });
  new Gauge({
    name: 'novbe_waiting_tickets',
    help: 'Tickets waiting now',
    registers: [registry],
    collect() {
      this.set(service.waitingTotal());
    },
  });
  new Gauge({
    name: 'novbe_event_stream_clients',
    help: 'Open WebSocket event streams',
    registers: [registry],
    collect() {
      this.set(hub.size);
    },
  });
  new Gauge({
    name: 'novbe_event_streams_dropped_total',
    help: 'Event streams dropped for holding too much unsent data (a client that stopped reading)',
    registers: [registry],
    collect() {
      this.set(hub.droppedTooSlow);
    },
  });
  new Gauge({
    name: 'novbe_event_log_seq',
    help: 'Sequence number of the last event',
    registers: [registry],
    collect() {
      this.set(service.lastSeq());
    },
  });
  new Gauge({
    name: 'novbe_quarantined_events',
    help: 'Events of the log kept aside since start: unreadable, or not fitting their day',
    registers: [registry],
    collect() {
      this.set(service.quarantined().length);
    },
  });
  new Counter({
    name: 'novbe_estimate_projections_total',
    help: 'Wait-estimate projections of a service group: inside a request, or after the answers',
    labelNames: ['when'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ when: 'request' }, service.projections.inRequest);
      this.inc({ when: 'after_answer' }, service.projections.afterAnswer);
    },
  });
  return {
    registry,
    observeEvents(list: readonly CenterEvent[]) {
      for (const e of list) events.inc({ type: e.type });
    },
  };
}
