import { afterEach, describe, expect, it } from 'vitest';

import { CardReaderDisconnectedError, HidReportError } from './errors';
import { EmulatedHidKeyboard } from './emulated-hid-keyboard';
import { HidCardReader } from './hid-card-reader';
import type { HidDeviceSelector } from './hid-device';
import { hidReportsForCard, textToHidReports } from './hid-reports';
import { nextEvent } from './next-event.test-helper';
import { corruptCheckDigit, generateTestCard } from './test-card';

const now = new Date('2026-05-01T08:00:00Z');
const card = generateTestCard({ surname: 'GULIYEVA', givenNames: 'NIGAR', fin: '7PK2M9W' });
const SELECTOR: HidDeviceSelector = { vendorId: 0x1234, productId: 0x5678 };

const readers: HidCardReader[] = [];
function open(keyboard: EmulatedHidKeyboard) {
  const opened: HidDeviceSelector[] = [];
  const reader = new HidCardReader({
    device: SELECTOR,
    now: () => now,
    interLineTimeoutMs: 100,
    openDevice: async (selector) => {
      opened.push(selector);
      return keyboard;
    },
  });
  readers.push(reader);
  return { reader, opened };
}

afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.close();
});

describe('HidCardReader with the emulated keyboard wedge', () => {
  it.each([undefined, 1])('reads a card typed as boot keyboard reports (report id %s)', async (reportId) => {
    const keyboard = new EmulatedHidKeyboard();
    const { reader, opened } = open(keyboard);
    await reader.open();
    expect(opened).toEqual([SELECTOR]);
    const card$ = nextEvent(reader, 'card');
    await keyboard.send(hidReportsForCard(card.lines, reportId === undefined ? {} : { reportId }));
    const [transaction] = await card$;
    expect(transaction.read).toEqual(card.expected);
  });

  it('refuses a bad check digit, then reads the next card', async () => {
    const keyboard = new EmulatedHidKeyboard();
    const { reader } = open(keyboard);
    await reader.open();
    const reject$ = nextEvent(reader, 'reject');
    await keyboard.send(hidReportsForCard(corruptCheckDigit(card.lines, 'documentNumber')));
    expect((await reject$)[0]).toMatchObject({ reason: 'bad-check-digit', field: 'documentNumber' });
    const card$ = nextEvent(reader, 'card');
    await keyboard.send([...textToHidReports('#!\r'), ...hidReportsForCard(card.lines)]);
    expect((await card$)[0].read.fin).toBe('7PK2M9W');
  });

  it('reports a malformed report as an error and keeps reading', async () => {
    const keyboard = new EmulatedHidKeyboard();
    const { reader } = open(keyboard);
    const errors: Error[] = [];
    reader.on('error', (error) => errors.push(error));
    await reader.open();
    const card$ = nextEvent(reader, 'card');
    await keyboard.send([Buffer.from([1, 2, 3]), ...hidReportsForCard(card.lines)]);
    await card$;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(HidReportError);
  });

  it('survives being unplugged mid-read: error, close, and a clean reopen', async () => {
    const keyboard = new EmulatedHidKeyboard();
    const { reader } = open(keyboard);
    const rejects: unknown[] = [];
    reader.on('reject', (rejection) => rejects.push(rejection));
    await reader.open();
    await keyboard.send(hidReportsForCard(card.lines).slice(0, 100));
    const error$ = nextEvent(reader, 'error');
    const close$ = nextEvent(reader, 'close');
    keyboard.unplug();
    expect((await error$)[0]).toBeInstanceOf(CardReaderDisconnectedError);
    await close$;
    expect(reader.isOpen).toBe(false);
    expect(keyboard.closed).toBe(true);

    // Replugged: nothing of the half read survives into the new one.
    const again = new EmulatedHidKeyboard();
    const { reader: reopened } = open(again);
    await reopened.open();
    const card$ = nextEvent(reopened, 'card');
    await again.send(hidReportsForCard(card.lines));
    expect((await card$)[0].read).toEqual(card.expected);
    expect(rejects).toEqual([]);
  });

  it('does not throw when unplugged with no error listener', async () => {
    const keyboard = new EmulatedHidKeyboard();
    const { reader } = open(keyboard);
    await reader.open();
    const close$ = nextEvent(reader, 'close');
    expect(() => keyboard.unplug()).not.toThrow();
    await close$;
  });
});
