import { CardReaderOpenError } from './errors';

/** What the HID card reader needs from a device: reports in, errors out, and a way to let go. */
export interface HidReportSource {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): unknown;
}

export type HidDeviceSelector =
  { readonly vendorId: number; readonly productId: number } | { readonly path: string };

/**
 * Opens a USB HID device with node-hid. Kept this thin on purpose: nothing here can be tested without a
 * device (this machine has no /dev/uhid), so all logic sits above it and is tested with report bytes.
 * node-hid is loaded on first use, so hosts without libusb can still import this package.
 */
export async function openHidDevice(selector: HidDeviceSelector): Promise<HidReportSource> {
  const { HIDAsync } = await import('node-hid');
  try {
    return 'path' in selector
      ? await HIDAsync.open(selector.path)
      : await HIDAsync.open(selector.vendorId, selector.productId);
  } catch (error) {
    const which = 'path' in selector ? selector.path : `${hex(selector.vendorId)}:${hex(selector.productId)}`;
    throw new CardReaderOpenError(`cannot open HID device ${which}: ${(error as Error).message}`);
  }
}

function hex(id: number): string {
  return id.toString(16).padStart(4, '0');
}
