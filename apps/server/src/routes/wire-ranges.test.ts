import { exampleCenterInput } from '@novbe/core/fixtures';
import { MAX_INSTANT } from '@novbe/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';

const MONDAY_8 = Date.parse('2026-11-23T08:00:00+04:00');
let t: TestServer;
let supervisor: string;
let booking: string;
beforeAll(async () => {
  t = await startTestServer({ clock: () => MONDAY_8 });
  supervisor = t.admin.options.token!;
  booking = (await pairDevice(t.admin, { role: 'booking', name: 'portal' })).options.token!;
});
afterAll(async () => t?.close());

const get = async (path: string, token = supervisor) => (await rawRequest(t.url, path, { token })).status;
const book = async (slotAt: number) =>
  (
    await rawRequest(t.url, '/v1/appointments', {
      method: 'POST',
      token: booking,
      body: JSON.stringify({ serviceId: 'just-marriage', slotAt, fin: '5ZK3M9T' }),
    })
  ).status;

describe('instants and dates on the wire', () => {
  it('statistics: an instant past the range or a date that does not exist is a 400, the ends are no 5xx', async () => {
    expect(await get('/v1/statistics?from=8640000000000001')).toBe(400);
    expect(await get(`/v1/statistics?from=${MAX_INSTANT + 1}`)).toBe(400);
    expect(await get(`/v1/statistics?to=${MAX_INSTANT + 1}`)).toBe(400);
    expect(await get('/v1/statistics?date=2026-02-31')).toBe(400);
    expect(await get('/v1/statistics?date=0050-01-01')).toBe(400);
    // The ends of the range are answered (a range that starts after now is a plain 400).
    expect(await get(`/v1/statistics?from=${MAX_INSTANT}`)).toBe(400);
    expect(await get('/v1/statistics?date=9999-12-31')).toBe(400);
    expect(await get(`/v1/statistics?to=${MAX_INSTANT}`)).toBe(200);
    expect(await get('/v1/statistics?date=1970-01-01')).toBe(200);
    expect(await get(`/v1/statistics/hours.csv?from=0&to=${MAX_INSTANT}`)).toBe(200);
  });

  it('statistics: the first day of 1970 in a center east of UTC, which begins before the epoch', async () => {
    const tokyo = {
      ...exampleCenterInput,
      hours: { ...exampleCenterInput.hours, timeZone: 'Asia/Tokyo' },
    };
    const put = await rawRequest(t.url, '/v1/center', {
      method: 'PUT',
      token: supervisor,
      body: JSON.stringify(tokyo),
    });
    expect(put.status).toBe(200);
    const { status, body } = await rawRequest(t.url, '/v1/statistics?date=1970-01-01', { token: supervisor });
    expect(status).toBe(200);
    expect(body).toMatchObject({ range: { from: 0 } });
    const back = { method: 'PUT', token: supervisor, body: JSON.stringify(exampleCenterInput) };
    expect((await rawRequest(t.url, '/v1/center', back)).status).toBe(200);
  });

  it('slots: a date that does not exist is a 400', async () => {
    const slots = (date: string) =>
      get(`/v1/appointments/slots?serviceId=just-marriage&date=${date}`, booking);
    expect(await slots('9999-99-99')).toBe(400);
    expect(await slots('2026-02-31')).toBe(400);
    expect(await slots('1969-12-31')).toBe(400);
    expect(await slots('9999-12-31')).toBe(200);
    expect(await slots('2026-11-23')).toBe(200);
  });

  it('bookings: a slot instant out of range is a 400, never a 500', async () => {
    expect(await book(8_640_000_000_000_001)).toBe(400);
    expect(await book(8_640_000_000_000_000)).toBe(400);
    expect(await book(MAX_INSTANT)).toBe(400); // in range, not a slot of the service
    expect(await book(Date.parse('2026-11-23T12:00:00+04:00'))).toBe(200);
  });
});
