import { describe, expect, it } from 'vitest';
import { OfflineTicket } from './tickets';

const ticket = (number: string) => ({
  id: '01JD0000000000000000000000',
  serviceId: 'dim-id-card',
  language: 'az',
  number,
  issuedAt: 1_700_000_000_000,
});

describe('an offline ticket', () => {
  it('is numbered with a prefix and a sequence of three to nine digits', () => {
    for (const n of ['A-001', 'AB-042', 'A-1000', 'K1-007', 'K12-123456789'])
      expect(OfflineTicket.safeParse(ticket(n)).success, n).toBe(true);
  });

  it('cannot carry a sequence too long to read back exactly (was a 500 on sync)', () => {
    for (const n of ['K1-99999999999999999', 'A-9007199254740993', 'A-1234567890', 'A-01', 'K100-001'])
      expect(OfflineTicket.safeParse(ticket(n)).success, n).toBe(false);
  });
});
