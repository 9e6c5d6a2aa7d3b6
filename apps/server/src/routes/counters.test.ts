import type { CenterClient } from '@novbe/protocol';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, refusal, startTestServer, type TestServer } from '../testing';

let t: TestServer;
let aysel: CenterClient; // operator, agency dim (counters 1–5, 7, 8)
let rauf: CenterClient; // operator, agency dim
let leyla: CenterClient; // operator, agency justice (counters 6, 9–14)
let nigar: CenterClient; // supervisor and operator of the center, no agency
beforeEach(async () => {
  t = await startTestServer();
  aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
  rauf = await loginStaff(t.admin, 'staff-rauf', 'rauf');
  leyla = await loginStaff(t.admin, 'staff-leyla', 'leyla');
  nigar = await loginStaff(t.admin, 'staff-nigar', 'nigar');
});
afterEach(async () => {
  await t?.close();
});

const command = (
  who: CenterClient,
  counterId: string,
  action: 'open' | 'call-next' | 'start' | 'finish' | 'close',
) => who.counterCommand({ params: { id: counterId }, body: { action } });

/** Aysel opens counter 1 and calls a citizen: she holds the counter with a ticket in hand. */
async function ayselServing(): Promise<string> {
  const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
  await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
  await command(aysel, 'counter-1', 'open');
  const { called } = await command(aysel, 'counter-1', 'call-next');
  await command(aysel, 'counter-1', 'start');
  return called!.ticketId;
}

const counter1 = async () => (await t.admin.counters()).find((c) => c.id === 'counter-1')!;

describe('counter ownership', () => {
  it('refuses to open a counter another operator holds, and leaves it and the ticket in hand theirs', async () => {
    const ticketId = await ayselServing();
    const seq = (await t.admin.health()).seq;
    expect(await refusal(command(rauf, 'counter-1', 'open'))).toEqual({
      code: 'counter-held',
      status: 409,
      message: 'counter counter-1: counter 1 is held by Aysel Məmmədova; a supervisor can take it over',
    });
    expect(await refusal(command(rauf, 'counter-1', 'finish'))).toMatchObject({
      code: 'counter-state',
      status: 409,
    });
    expect(await counter1()).toMatchObject({ status: 'open', staffId: 'staff-aysel', ticketId });
    expect((await t.admin.health()).seq).toBe(seq);
    await command(aysel, 'counter-1', 'finish');
    // Once she has closed it, it is anyone's (of her agency) to open.
    await command(aysel, 'counter-1', 'close');
    await expect(command(rauf, 'counter-1', 'open')).resolves.toMatchObject({
      counter: { staffId: 'staff-rauf' },
    });
  });

  it('lets operators open and call only at counters of their agency; the center’s own staff anywhere', async () => {
    expect(await refusal(command(leyla, 'counter-1', 'open'))).toEqual({
      code: 'forbidden',
      status: 403,
      message: 'counter counter-1: Leyla Hüseynova works for justice; counter 1 serves dim',
    });
    expect(await refusal(command(aysel, 'counter-6', 'open'))).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    await expect(command(leyla, 'counter-6', 'open')).resolves.toMatchObject({
      counter: { status: 'open', staffId: 'staff-leyla' },
    });
    await expect(command(nigar, 'counter-17', 'open')).resolves.toMatchObject({
      counter: { staffId: 'staff-nigar' },
    });
  });

  it('lets a supervisor take a counter over for an operator, with the ticket in hand, and records it', async () => {
    const ticketId = await ayselServing();
    const view = await nigar.takeOverCounter({
      params: { id: 'counter-1' },
      body: { staffId: 'staff-rauf' },
    });
    expect(view).toMatchObject({ id: 'counter-1', status: 'open', staffId: 'staff-rauf', ticketId });
    // The counter is Rauf's now: Aysel's commands are refused, Rauf serves the citizen.
    expect(await refusal(command(aysel, 'counter-1', 'finish'))).toMatchObject({ code: 'counter-state' });
    await command(rauf, 'counter-1', 'finish');
    const takeOvers = t.server.service.eventsAfter(0, 1000).filter((e) => e.type === 'counter.taken-over');
    expect(takeOvers).toEqual([
      expect.objectContaining({
        counterId: 'counter-1',
        staffId: 'staff-rauf',
        fromStaffId: 'staff-aysel',
        byStaffId: 'staff-nigar',
        ticketId,
      }),
    ]);
    // Retried, it changes nothing and records nothing more.
    const seq = (await t.admin.health()).seq;
    await nigar.takeOverCounter({ params: { id: 'counter-1' }, body: { staffId: 'staff-rauf' } });
    expect((await t.admin.health()).seq).toBe(seq);

    // The log replays to the same counter after a restart.
    await t.close({ keepData: true });
    t = await startTestServer({ dataDir: t.dataDir });
    expect(await counter1()).toMatchObject({ status: 'open', staffId: 'staff-rauf', ticketId: null });
    expect(await t.admin.statistics({ query: {} })).toMatchObject({ totals: { served: 1 } });
  });

  it('lets a supervisor take a counter over for themselves', async () => {
    await ayselServing();
    await expect(nigar.takeOverCounter({ params: { id: 'counter-1' }, body: {} })).resolves.toMatchObject({
      staffId: 'staff-nigar',
    });
  });

  it('refuses a take-over by anyone but a supervisor, of a counter nobody holds, or for someone who may not work it', async () => {
    await ayselServing();
    const takeOver = (who: CenterClient, counterId: string, staffId?: string) =>
      refusal(who.takeOverCounter({ params: { id: counterId }, body: staffId ? { staffId } : {} }));
    expect(await takeOver(rauf, 'counter-1', 'staff-rauf')).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await takeOver(t.admin, 'counter-1', 'staff-rauf')).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(await takeOver(nigar, 'counter-2', 'staff-rauf')).toMatchObject({
      code: 'counter-state',
      status: 409,
    });
    expect(await takeOver(nigar, 'counter-1', 'staff-leyla')).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('works for justice'),
    });
    expect(await takeOver(nigar, 'counter-1', 'staff-admin')).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('not an operator'),
    });
    expect(await takeOver(nigar, 'counter-1', 'staff-nobody')).toMatchObject({
      code: 'unknown-entity',
      status: 404,
    });
    await command(rauf, 'counter-2', 'open');
    expect(await takeOver(nigar, 'counter-1', 'staff-rauf')).toMatchObject({
      code: 'counter-state',
      message: expect.stringContaining('is at counter 2'),
    });
    expect(await counter1()).toMatchObject({ staffId: 'staff-aysel' });
  });
});
