import { describe, expect, it } from 'vitest';
import { DeviceHealth } from './device-health';

describe('device health', () => {
  it('names offline boards and detached keypads, and what recovered since the last heartbeat', () => {
    const health = new DeviceHealth();
    const units = new Map([
      [1, 'counter-1'],
      [2, 'counter-2'],
    ]);
    const base = { link: 'live' as const, units, countersWithoutToken: [] };
    health.boardOffline(2);
    health.keypadDetached('tcp://127.0.0.1:1');
    const down = health.detail({
      ...base,
      boardsOffline: [2],
      keypads: [
        { counterId: 'counter-1', attached: false },
        { counterId: 'counter-2', attached: true },
      ],
    });
    expect(down).toBe(
      'link live; boards 1/2 answering; boards offline: 2 (counter-2); keypads 1/2 attached; keypads detached: counter-1',
    );
    health.boardOnline(2, 'counter-2');
    health.keypadAttached('tcp://127.0.0.1:1', 'counter-1');
    const up = health.detail({
      ...base,
      boardsOffline: [],
      keypads: [{ counterId: 'counter-1', attached: true }],
    });
    expect(up).toBe(
      'link live; boards 2/2 answering; keypads 1/1 attached; recovered: board 2 (counter-2), keypad counter-1 (tcp://127.0.0.1:1)',
    );
    health.told(up);
    expect(health.detail({ ...base, boardsOffline: [], keypads: [] })).toBe(
      'link live; boards 2/2 answering; keypads 0/0 attached',
    );
  });
});
