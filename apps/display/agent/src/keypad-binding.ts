import {
  listNodeHidDevices,
  openNodeHidDevice,
  tcpKeypad,
  type HidDeviceInfo,
  type ListHidDevices,
  type OpenHidDevice,
} from '@novbe/buttons';
import { tcpKeypadPath, type KeypadBinding, type KeypadMatch, type KeypadsConfig } from './config';

/** Where a watcher finds keypads: a device list and an opener (node-hid, TCP, an emulator). */
export interface KeypadSource {
  readonly listDevices: ListHidDevices;
  readonly openDevice: OpenHidDevice;
}

function matches(match: KeypadMatch, device: HidDeviceInfo): boolean {
  return (
    (match.path === undefined || match.path === device.path) &&
    (match.serialNumber === undefined || match.serialNumber === device.serialNumber) &&
    (match.vendorId === undefined || match.vendorId === device.vendorId) &&
    (match.productId === undefined || match.productId === device.productId)
  );
}

/** Every binding: the configured ones first, then TCP keypads that name their counter. */
export function allBindings(config: KeypadsConfig): KeypadBinding[] {
  return [
    ...config.bindings,
    ...config.tcp.flatMap((k) =>
      k.counterId ? [{ match: { path: tcpKeypadPath(k) }, counterId: k.counterId }] : [],
    ),
  ];
}

/** The counter a keypad commands: the first binding that matches it, or null for none. */
export function counterFor(bindings: readonly KeypadBinding[], device: HidDeviceInfo): string | null {
  return bindings.find((b) => matches(b.match, device))?.counterId ?? null;
}

/**
 * One device list and opener over several sources: node-hid (when `hid`), each TCP keypad, and
 * any the host brings (emulators in-process). A source that fails to list is left out of that
 * poll, so one dead source never hides the others' keypads.
 */
export function keypadSources(
  config: KeypadsConfig,
  extra: readonly KeypadSource[] = [],
  onListFailed: (error: Error) => void = () => undefined,
): KeypadSource {
  const sources: KeypadSource[] = [
    ...(config.hid ? [{ listDevices: listNodeHidDevices, openDevice: openNodeHidDevice }] : []),
    ...config.tcp.map((k) => tcpKeypad(k)),
    ...extra,
  ];
  const owner = new Map<string, KeypadSource>();
  return {
    async listDevices() {
      const listed: HidDeviceInfo[] = [];
      owner.clear();
      for (const source of sources) {
        let devices: readonly HidDeviceInfo[];
        try {
          devices = await source.listDevices();
        } catch (e) {
          onListFailed(e as Error);
          continue;
        }
        for (const d of devices) {
          if (owner.has(d.path)) continue;
          owner.set(d.path, source);
          listed.push(d);
        }
      }
      return listed;
    },
    openDevice(device) {
      const source = owner.get(device.path);
      if (!source) return Promise.reject(new Error(`no keypad source lists ${device.path}`));
      return source.openDevice(device);
    },
  };
}
