/**
 * The two command languages receipt printers speak. `epson` is ESC/POS (Epson and the many
 * compatible printers); `star` is Star Line Mode (Star Micronics in their native emulation).
 */
export const COMMAND_SETS = ['epson', 'star'] as const;
export type CommandSet = (typeof COMMAND_SETS)[number];
