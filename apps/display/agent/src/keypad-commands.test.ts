import { KEYPAD_COMMANDS } from '@novbe/buttons';
import { ProtocolError } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { allBindings, counterFor } from './keypad-binding';
import { answeredOutcome, counterCommandFor, failedOutcome } from './keypad-commands';
import { parseDisplayConfig } from './config';

const counter = {
  id: 'counter-1',
  number: 1,
  hallId: 'hall-1',
  status: 'open',
  staffId: null,
  ticketId: null,
  ticketNumber: null,
} as const;

describe('keypad → counter command', () => {
  it('maps every key; transfer needs a target and is refused', () => {
    expect(Object.fromEntries(KEYPAD_COMMANDS.map((k) => [k, counterCommandFor(k)]))).toEqual({
      next: { action: 'call-next' },
      recall: { action: 'recall' },
      'no-show': { action: 'no-show' },
      start: { action: 'start' },
      done: { action: 'finish' },
      transfer: null,
      pause: { action: 'pause' },
    });
  });

  it('signs "---" for nobody waiting and a refusal, "Err" for no answer, a server fault or a lost token', () => {
    expect(
      answeredOutcome(
        { counter, called: { ticketId: 't', number: 'A-001', reason: 'next' } },
        { action: 'call-next' },
      ),
    ).toMatchObject({
      outcome: 'done',
      sign: null,
    });
    expect(answeredOutcome({ counter, called: null }, { action: 'call-next' })).toMatchObject({
      outcome: 'refused',
      sign: '---',
    });
    expect(answeredOutcome({ counter, called: null }, { action: 'finish' })).toMatchObject({
      outcome: 'done',
      sign: null,
    });
    expect(failedOutcome(new ProtocolError('illegal-transition', 'nothing to recall', 409))).toMatchObject({
      outcome: 'refused',
      sign: '---',
    });
    expect(failedOutcome(new ProtocolError('forbidden', 'not yours', 403))).toMatchObject({ sign: '---' });
    expect(
      failedOutcome(new ProtocolError('storage-unavailable', 'server unreachable: ECONNREFUSED')),
    ).toMatchObject({
      outcome: 'unreachable',
      sign: 'Err',
    });
    expect(failedOutcome(new ProtocolError('storage-unavailable', 'disk', 503))).toMatchObject({
      sign: 'Err',
    });
    expect(failedOutcome(new ProtocolError('unauthorized', 'revoked', 401))).toMatchObject({ sign: 'Err' });
    expect(failedOutcome(new Error('reply did not parse'))).toMatchObject({ sign: 'Err' });
  });
});

describe('keypad bindings', () => {
  const config = parseDisplayConfig({
    serverUrl: 'http://127.0.0.1:1',
    keypads: {
      bindings: [
        { match: { serialNumber: 'KP-1' }, counterId: 'counter-1' },
        { match: { vendorId: '0x1189', productId: '0x8890' }, counterId: 'counter-2' },
      ],
      tcp: [{ port: 9311, counterId: 'counter-3' }, { port: 9312 }],
    },
  }).keypads;
  const bindings = allBindings(config);
  const device = (d: object) => ({ path: '/dev/hidraw0', vendorId: 0x1189, productId: 0x8890, ...d });

  it('binds a keypad to the first binding whose every field matches', () => {
    expect(counterFor(bindings, device({ serialNumber: 'KP-1' }))).toBe('counter-1');
    expect(counterFor(bindings, device({ serialNumber: 'KP-9' }))).toBe('counter-2');
    expect(counterFor(bindings, device({ productId: 1 }))).toBeNull();
    expect(counterFor(bindings, device({ path: 'tcp://127.0.0.1:9311', vendorId: 1 }))).toBe('counter-3');
    expect(counterFor(bindings, device({ path: 'tcp://127.0.0.1:9312', vendorId: 1 }))).toBeNull();
  });
});
