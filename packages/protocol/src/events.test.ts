import { describe, expect, it } from 'vitest';
import {
  decodeStoredEvent,
  EVENT_VERSION,
  EventDecodeError,
  EventVersionTooNewError,
  type StoredEventRow,
} from './events';

const atCounter = {
  ticketId: '01JD0000000000000000000000',
  number: 'A-007',
  serviceId: 'dim-id-card',
  counterId: 'counter-1',
  counterNumber: 1,
  hallId: 'hall-1',
};

const row = (version: number, payload: unknown, seq = 7): StoredEventRow => ({
  seq,
  at: 1_700_000_000_000,
  type: (payload as { type?: string }).type ?? 'unknown',
  version,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

describe('decodeStoredEvent', () => {
  it('reads a row of the current version as the event it records', () => {
    const body = {
      type: 'ticket.transferred',
      ...atCounter,
      to: { counterId: 'counter-4' },
      keepWaitingTime: true,
    };
    expect(decodeStoredEvent(row(EVENT_VERSION, body))).toEqual({ ...body, seq: 7, at: 1_700_000_000_000 });
  });

  it('upcasts a version-1 transfer: the pair of ids becomes its target', () => {
    const v1 = { type: 'ticket.transferred', ...atCounter, keepWaitingTime: false };
    expect(decodeStoredEvent(row(1, { ...v1, toServiceId: 'just-poa', toCounterId: null }))).toEqual({
      type: 'ticket.transferred',
      ...atCounter,
      to: { serviceId: 'just-poa' },
      keepWaitingTime: false,
      seq: 7,
      at: 1_700_000_000_000,
    });
    expect(decodeStoredEvent(row(1, { ...v1, toServiceId: null, toCounterId: 'counter-4' }))).toMatchObject({
      to: { counterId: 'counter-4' },
    });
    expect(
      decodeStoredEvent(row(1, { ...v1, toServiceId: null, toCounterId: 'counter-4' })),
    ).not.toHaveProperty('toCounterId');
  });

  it('reads version-1 events that did not change as they are, and checks device roles', () => {
    const paired = { type: 'device.paired', hallId: null, deviceId: 'd1', role: 'kiosk', name: 'K1' };
    expect(decodeStoredEvent(row(1, paired))).toMatchObject({ role: 'kiosk', seq: 7 });
    expect(() => decodeStoredEvent(row(EVENT_VERSION, { ...paired, role: 'janitor' }))).toThrow(/role/);
  });

  it('refuses a row written by newer code, naming the versions', () => {
    const body = { type: 'config.changed', hallId: null, centerId: 'c1' };
    const read = () => decodeStoredEvent(row(EVENT_VERSION + 1, body, 42));
    expect(read).toThrow(EventVersionTooNewError);
    expect(read).toThrow(
      `event 42: written in event version ${EVENT_VERSION + 1}, newer than this program knows`,
    );
  });

  it('refuses a payload that does not parse, with a named error', () => {
    for (const bad of [
      row(EVENT_VERSION, '{"type": "ticket.called",'),
      row(EVENT_VERSION, '[1, 2]'),
      row(EVENT_VERSION, { type: 'ticket.vanished', ticketId: 'x' }),
      row(1, { type: 'ticket.transferred', ...atCounter, keepWaitingTime: false }),
      row(0, { type: 'config.changed', hallId: null, centerId: 'c1' }),
    ]) {
      expect(() => decodeStoredEvent(bad)).toThrow(EventDecodeError);
      expect(() => decodeStoredEvent(bad)).not.toThrow(EventVersionTooNewError);
    }
    expect(() =>
      decodeStoredEvent(row(EVENT_VERSION, { type: 'ticket.called', ...atCounter, counterNumber: 'one' })),
    ).toThrow(/event 7: ticket.called \(version 3\) does not match the event schema: counterNumber/);
  });
});
