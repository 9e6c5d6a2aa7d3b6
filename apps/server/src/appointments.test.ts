import { ProtocolError } from '@novbe/protocol';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { pairDevice, startTestServer, type TestServer } from './testing';

const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+04:00`); // a Monday in Baku
const FIN = '5ZK3M9T';
let t: TestServer;
afterEach(async () => t?.close());

describe('appointments', () => {
  it('books a slot, checks in inside the arrival window only, and releases a missed slot', async () => {
    let now = at('08:00');
    t = await startTestServer({ clock: () => now });
    const booking = await pairDevice(t.admin, { role: 'booking', name: '108 call center' });
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });

    const { slots } = await booking.freeSlots({ query: { serviceId: 'just-marriage', date: '2026-11-23' } });
    expect(slots[0]).toEqual({ at: at('09:00'), free: 2 }); // two counters serve marriages
    expect(slots.at(-1)!.at).toBe(at('18:30'));
    await booking.bookAppointment({ body: { serviceId: 'just-marriage', slotAt: at('10:00'), fin: FIN } });
    await booking.bookAppointment({ body: { serviceId: 'just-marriage', slotAt: at('11:00'), fin: FIN } });
    await expect(
      booking.bookAppointment({ body: { serviceId: 'just-marriage', slotAt: at('10:10'), fin: FIN } }),
    ).rejects.toThrow(/slot/);
    await expect(
      booking.bookAppointment({ body: { serviceId: 'dim-id-card', slotAt: at('10:00'), fin: FIN } }),
    ).rejects.toThrow(/takes no appointments/);
    await expect(
      kiosk.bookAppointment({ body: { serviceId: 'just-marriage', slotAt: at('12:00'), fin: FIN } }),
    ).rejects.toBeInstanceOf(ProtocolError);

    now = at('09:20'); // 40 min early: a regular ticket, and the kiosk is told why
    const early = await kiosk.issueTicket({
      body: {
        id: ulid(),
        serviceId: 'just-marriage',
        language: 'az',
        fin: FIN,
      },
    });
    expect(early.ticket.priority).toBe('regular');
    expect(early.appointment).toMatchObject({ outcome: 'early', slotAt: at('10:00') });

    now = at('09:35'); // inside the window (30 min early to 10 min late)
    expect((await kiosk.findAppointments({ body: { fin: FIN } })).appointments.map((a) => a.window)).toEqual([
      'on-time',
      'early',
    ]);
    const checkedIn = await kiosk.issueTicket({
      body: {
        id: ulid(),
        serviceId: 'just-marriage',
        language: 'az',
        fin: FIN,
      },
    });
    expect(checkedIn.ticket).toMatchObject({ priority: 'appointment', appointmentAt: at('10:00') });
    expect(checkedIn.appointment).toMatchObject({ outcome: 'checked-in' });
    expect((await kiosk.findAppointments({ body: { fin: FIN } })).appointments).toHaveLength(1);

    now = at('11:11'); // the 11:00 slot's window has closed
    expect((await kiosk.findAppointments({ body: { fin: FIN } })).appointments).toEqual([]);
    const none = await kiosk.issueTicket({
      body: {
        id: ulid(),
        serviceId: 'just-marriage',
        language: 'az',
        fin: FIN,
      },
    });
    expect(none.appointment).toMatchObject({ outcome: 'none' });

    const types = (t.server.db.prepare('SELECT type FROM events').all() as { type: string }[]).map(
      (r) => r.type,
    );
    expect(types.filter((x) => x.startsWith('appointment.'))).toEqual([
      'appointment.booked',
      'appointment.booked',
      'appointment.checked-in',
      'appointment.released',
    ]);
  });

  it('never stores the FIN in clear', async () => {
    const now = at('08:00');
    t = await startTestServer({ clock: () => now });
    const booking = await pairDevice(t.admin, { role: 'booking', name: 'portal' });
    await booking.bookAppointment({ body: { serviceId: 'just-contract', slotAt: at('12:00'), fin: FIN } });
    const db = t.server.db;
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const table of tables) {
      const dump = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
      expect(dump.includes(FIN), table).toBe(false);
    }
  });
});
