/** What a device probably is, for the person setting up a kiosk or a counter display. */
export const DeviceKind = {
  ReceiptPrinter: 'receipt-printer',
  CardReader: 'card-reader',
  Keypad: 'keypad',
  SerialAdapter: 'serial-adapter',
  SerialPort: 'serial-port',
  Keyboard: 'keyboard',
  Unknown: 'unknown',
} as const;
export type DeviceKind = (typeof DeviceKind)[keyof typeof DeviceKind];

export type Confidence = 'high' | 'medium' | 'low';

export interface Guess {
  readonly kind: DeviceKind;
  readonly confidence: Confidence;
  /** Why we think so, in words an installer can check. */
  readonly reason: string;
  /** One line for the installer: what to use it for. */
  readonly description: string;
}

/** What we know about a device, whichever way it was listed. */
export interface DeviceFacts {
  readonly transport: 'serial' | 'hid' | 'usb-printer';
  readonly path: string;
  readonly vendorId?: number | undefined;
  readonly productId?: number | undefined;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

interface VendorRule {
  readonly vendorId: number;
  readonly productId?: number;
  readonly kind: DeviceKind;
  readonly confidence: Confidence;
  readonly name: string;
}

/**
 * USB vendor (and a few product) ids, from the USB ID registry. POS printer makers are sure
 * signs; chip makers whose parts sit in many things (Winbond, ICS) only point towards a printer.
 */
const VENDOR_RULES: readonly VendorRule[] = [
  { vendorId: 0x04b8, kind: 'receipt-printer', confidence: 'high', name: 'Epson' },
  { vendorId: 0x0519, kind: 'receipt-printer', confidence: 'high', name: 'Star Micronics' },
  { vendorId: 0x1d90, kind: 'receipt-printer', confidence: 'high', name: 'Citizen' },
  { vendorId: 0x2730, kind: 'receipt-printer', confidence: 'high', name: 'Citizen' },
  { vendorId: 0x1504, kind: 'receipt-printer', confidence: 'high', name: 'Bixolon' },
  { vendorId: 0x0dd4, kind: 'receipt-printer', confidence: 'high', name: 'Custom' },
  { vendorId: 0x154f, kind: 'receipt-printer', confidence: 'high', name: 'SNBC' },
  {
    vendorId: 0x0416,
    productId: 0x5011,
    kind: 'receipt-printer',
    confidence: 'medium',
    name: 'Winbond-based POS printer (Xprinter, Zjiang and similar)',
  },
  {
    vendorId: 0x0fe6,
    productId: 0x811e,
    kind: 'receipt-printer',
    confidence: 'medium',
    name: 'generic POS-58/80 printer',
  },
  { vendorId: 0x0db5, kind: 'card-reader', confidence: 'high', name: 'Access IS document reader' },
  {
    vendorId: 0x1189,
    productId: 0x8890,
    kind: 'keypad',
    confidence: 'high',
    name: 'CH552 programmable keypad',
  },
  { vendorId: 0x0403, kind: 'serial-adapter', confidence: 'medium', name: 'FTDI' },
  { vendorId: 0x1a86, kind: 'serial-adapter', confidence: 'medium', name: 'WCH CH340/CH341/CH9102' },
  { vendorId: 0x067b, kind: 'serial-adapter', confidence: 'medium', name: 'Prolific PL2303' },
  { vendorId: 0x10c4, kind: 'serial-adapter', confidence: 'medium', name: 'Silicon Labs CP210x' },
];

/** Words in manufacturer/product strings, for devices whose ids we do not know. */
const NAME_RULES: readonly { pattern: RegExp; kind: DeviceKind; what: string }[] = [
  {
    pattern: /receipt|thermal|pos[-\s]?\d{2}|\bpos\b|printer|tm-[a-z]|tsp\d/i,
    kind: 'receipt-printer',
    what: 'printer',
  },
  {
    pattern: /passport|\bmrz\b|\bocr\b|document reader|id[-\s]?card|regula|desko|access[-\s]?is/i,
    kind: 'card-reader',
    what: 'document reader',
  },
  { pattern: /keypad|macro|foot\s?switch|pedal|numpad|number pad|button/i, kind: 'keypad', what: 'keypad' },
  {
    pattern: /\brs-?485\b|\brs-?232\b|uart|usb[-\s]?serial|serial/i,
    kind: 'serial-adapter',
    what: 'serial adapter',
  },
];

const DESCRIPTIONS: Record<DeviceKind, string> = {
  'receipt-printer': 'ticket printer (hardware/printer)',
  'card-reader': 'ID card / document reader (hardware/card-reader)',
  keypad: 'call-next keypad (hardware/buttons)',
  'serial-adapter': 'serial adapter: LED board bus or card reader',
  'serial-port': 'serial port: LED board bus or card reader, if one is wired to it',
  keyboard: 'a keyboard; a call-next keypad if you add its ids to the keymap',
  unknown: 'not one of ours, as far as we can tell',
};

const HID_PAGE_DESKTOP = 0x01;
const HID_USAGE_KEYBOARD = 0x06;
const HID_USAGE_KEYPAD = 0x07;
const HID_PAGE_CONSUMER = 0x0c;

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function guess(kind: DeviceKind, confidence: Confidence, reason: string): Guess {
  return { kind, confidence, reason, description: DESCRIPTIONS[kind] };
}

/** The best guess for one device, with the reason. Never throws. */
export function guessDevice(d: DeviceFacts): Guess {
  const ids = d.vendorId === undefined ? undefined : `${hex4(d.vendorId)}:${hex4(d.productId ?? 0)}`;
  const names = [d.manufacturer, d.product].filter(Boolean).join(' ');
  const byName = NAME_RULES.find((r) => r.pattern.test(names));
  const rule =
    VENDOR_RULES.find((r) => r.vendorId === d.vendorId && r.productId === d.productId) ??
    VENDOR_RULES.find((r) => r.vendorId === d.vendorId && r.productId === undefined);

  // A keyboard-wedge reader or keypad is HID; a printer is never one, so a printer maker's HID
  // device is something else of theirs and the vendor alone says nothing.
  const usable = rule && !(d.transport === 'hid' && rule.kind === 'receipt-printer');
  if (usable && rule && rule.confidence !== 'high' && byName && byName.kind !== rule.kind)
    // A chip maker's id inside a device that names itself otherwise: a CH340 in a printer.
    return guess(
      byName.kind,
      'medium',
      `it calls itself "${names}"; its USB id ${ids} is a ${rule.name} chip`,
    );
  if (usable && rule) {
    // A chip maker's id agreeing with the device's own name is as good as a maker's id.
    const agreed = rule.confidence !== 'high' && byName?.kind === rule.kind;
    return guess(
      rule.kind,
      agreed ? 'high' : rule.confidence,
      `USB id ${ids} is ${rule.name}${agreed ? `, and it calls itself "${names}"` : ''}`,
    );
  }
  if (byName)
    return guess(byName.kind, 'medium', `it calls itself "${names}" (sounds like a ${byName.what})`);

  if (d.transport === 'usb-printer')
    return guess('receipt-printer', 'medium', `a USB printer-class device${ids ? ` (${ids})` : ''}`);
  if (d.transport === 'hid') {
    if (d.usagePage === HID_PAGE_DESKTOP && (d.usage === HID_USAGE_KEYBOARD || d.usage === HID_USAGE_KEYPAD))
      return guess('keyboard', 'low', `HID keyboard${ids ? ` ${ids}` : ''} of unknown make`);
    if (d.usagePage === HID_PAGE_CONSUMER)
      return guess('keypad', 'low', `HID consumer-control buttons${ids ? ` ${ids}` : ''} of unknown make`);
    return guess('unknown', 'low', `HID device${ids ? ` ${ids}` : ''}, usage page ${d.usagePage ?? '?'}`);
  }
  if (/\/ttyS\d+$|^COM\d+$/i.test(d.path) && ids === undefined)
    return guess('serial-port', 'low', 'a built-in serial port (no USB ids)');
  if (/\/tty(USB|ACM)\d+$/.test(d.path))
    return guess('serial-adapter', 'low', `a USB serial device${ids ? ` ${ids}` : ''} of unknown make`);
  return guess('unknown', 'low', ids ? `USB id ${ids} is not in our table` : 'no USB ids to go by');
}
