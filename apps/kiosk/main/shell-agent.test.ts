/**
 * The shell hosting the real kiosk agent (test/kiosk-rig.ts: a center server on loopback, the
 * printer emulator on TCP, the agent's own SQLite file): a page in the kiosk window, through the
 * preload bridge and the IPC carrier, gets a printed ticket and hears the printer's paper run out
 * and come back. Electron itself is the fake; everything behind the IPC carrier is real.
 */
import { numberRaster, rastersEqual } from '@novbe/printer';
import type { KioskBridge, KioskEvent, KioskStatus } from '@novbe/protocol';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKioskRig, type KioskRig } from '../../../test/kiosk-rig';
import { startKioskShell } from './shell';
import { fake } from '@novbe/appliance/testing';

vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule);

describe('kiosk shell with the real agent', () => {
  let bridge: KioskBridge;
  let rig: KioskRig | undefined;
  beforeAll(async () => {
    fake.reset();
    await import('./preload');
    bridge = fake.exposed.get('novbeKiosk') as KioskBridge;
  });
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('prints a ticket for a page call and reports paper-out and back to the page', async () => {
    rig = await startKioskRig();
    const r = rig;
    fake.reset();
    fake.exposed.set('novbeKiosk', bridge);
    fake.app.appPath = r.dataDir;
    const started = startKioskShell({
      startAgent: () => r.agent,
      env: { NOVBE_KIOSK_RENDERER_DIR: r.dataDir },
    });
    fake.app.fireReady();
    await started;
    fake.preloadContents = fake.windows[0]!.webContents;

    const statuses: KioskStatus[] = [];
    bridge.subscribe((event: KioskEvent) => statuses.push(event.status));
    const waitForStatus = (test: (s: KioskStatus) => boolean) =>
      vi.waitFor(() => expect(statuses.some(test)).toBe(true), { timeout: 5000, interval: 20 });

    const catalog = await bridge.invoke('kiosk-catalog');
    if (!catalog.ok) throw new Error(catalog.error.message);
    const service = catalog.value.services.find((s) => s.id === 'dim-id-card')!;
    expect(service.name.az).toBeTruthy();

    const issued = await bridge.invoke('ticket-issue', { serviceId: service.id, language: 'az' });
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.value).toMatchObject({ serviceId: service.id, language: 'az', offline: false });
    const [printed] = await r.printer.waitForTickets(1);
    expect(
      printed!.rasters.some((raster) => rastersEqual(raster, numberRaster(issued.value.number, 80).raster)),
    ).toBe(true);

    r.printer.setPaper('out');
    await waitForStatus((s) => !s.inService && s.reason === 'paper-out');
    expect(await bridge.invoke('ticket-issue', { serviceId: service.id, language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'out-of-service' },
    });
    r.printer.loadPaper();
    statuses.length = 0;
    await waitForStatus((s) => s.inService);
    expect(await bridge.invoke('ticket-issue', { serviceId: service.id, language: 'ru' })).toMatchObject({
      ok: true,
    });
    expect(r.printer.tickets).toHaveLength(2);

    // Quitting closes the agent (its SQLite file, printer and timers) before the app goes.
    const close = r.agent.close.bind(r.agent);
    let closedBeforeQuit = false;
    r.agent.close = async () => {
      closedBeforeQuit = !fake.app.quitted;
      await close();
    };
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 5000, interval: 10 });
    expect(closedBeforeQuit).toBe(true);
    expect(await bridge.invoke('kiosk-status')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
