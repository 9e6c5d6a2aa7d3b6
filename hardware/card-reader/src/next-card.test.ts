import { afterEach, describe, expect, it } from 'vitest';

import { EmulatedHidKeyboard } from './emulated-hid-keyboard';
import { CardReaderDisconnectedError, CardRejectedError } from './errors';
import { HidCardReader } from './hid-card-reader';
import { hidReportsForCard } from './hid-reports';
import { nextCard } from './next-card';
import { corruptCheckDigit, generateTestCard } from './test-card';

const card = generateTestCard();
let keyboard: EmulatedHidKeyboard;
let reader: HidCardReader;

async function openReader() {
  keyboard = new EmulatedHidKeyboard();
  reader = new HidCardReader({
    device: { path: '/dev/hidraw-emulated' },
    now: () => new Date('2026-05-01T08:00:00Z'),
    openDevice: async () => keyboard,
  });
  await reader.open();
}

afterEach(async () => {
  await reader.close();
});

describe('nextCard', () => {
  it('resolves with the next read and leaves no listeners behind', async () => {
    await openReader();
    const waiting = nextCard(reader);
    await keyboard.send(hidReportsForCard(card.lines));
    expect((await waiting).read).toEqual(card.expected);
    expect(
      reader.listenerCount('card') + reader.listenerCount('reject') + reader.listenerCount('close'),
    ).toBe(0);
  });

  it('rejects with CardRejectedError carrying the reason and field', async () => {
    await openReader();
    const waiting = nextCard(reader).catch((e: unknown) => e);
    await keyboard.send(hidReportsForCard(corruptCheckDigit(card.lines, 'birthDate')));
    const error = await waiting;
    expect(error).toBeInstanceOf(CardRejectedError);
    expect(error).toMatchObject({ reason: 'bad-check-digit', field: 'birthDate' });
  });

  it('rejects when the reader goes away, and when the citizen cancels', async () => {
    await openReader();
    const unplugged = nextCard(reader);
    keyboard.unplug();
    await expect(unplugged).rejects.toBeInstanceOf(CardReaderDisconnectedError);

    await openReader();
    const controller = new AbortController();
    const cancelled = nextCard(reader, { signal: controller.signal });
    controller.abort(new Error('cancelled at the kiosk'));
    await expect(cancelled).rejects.toThrow('cancelled at the kiosk');
    expect(reader.listenerCount('card')).toBe(0);
  });
});
