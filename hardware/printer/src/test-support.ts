import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReceivedTicket } from './emulator/received-ticket';

/** Repository-level `test-output/printer/` (gitignored): sample renders for people to look at. */
export const TEST_OUTPUT_DIR = fileURLToPath(new URL('../../../test-output/printer/', import.meta.url));

/** Saves a received ticket's PNG and text under test-output/printer/ and returns the PNG path. */
export function saveTicket(ticket: ReceivedTicket, name: string): string {
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const path = `${TEST_OUTPUT_DIR}${name}.png`;
  writeFileSync(path, ticket.renderPng());
  writeFileSync(`${TEST_OUTPUT_DIR}${name}.txt`, `${ticket.text}\n`);
  return path;
}
