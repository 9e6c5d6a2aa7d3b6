import { setTimeout as sleep } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { withCrc } from './crc16-modbus';
import { LedBoardEmulator } from './led-board-emulator';

/** An emulator whose answers are collected as hex strings. */
function setup(units = [1, 2]) {
  let now = 1_000_000;
  const emulator = new LedBoardEmulator({ units, now: () => now, silenceMs: 5 });
  const replies: string[] = [];
  emulator.output = (bytes) => replies.push(bytes.toString('hex'));
  const send = (hexWithoutCrc: string) => emulator.receive(withCrc(Buffer.from(hexWithoutCrc, 'hex')));
  return { emulator, replies, send, advance: (ms: number) => (now += ms) };
}
const crc = (hex: string) => withCrc(Buffer.from(hex, 'hex')).toString('hex');

describe('LedBoardEmulator frames', () => {
  it('answers function 06 with an echo and shows the number', () => {
    const { emulator, replies, send } = setup();
    send('01 06 0003 0000'.replace(/ /g, '')); // mode normal
    send('010600000042'); // register 0 = 0x42 = 66
    expect(replies).toEqual([crc('010600030000'), crc('010600000042')]);
    expect(emulator.board(1)).toMatchObject({ number: 66, mode: 'normal', display: '066' });
    expect(emulator.board(2).display).toBe(''); // the other board is untouched, still blank
  });

  it('answers function 16 with address and count, and 03 with the registers', () => {
    const { emulator, replies, send } = setup();
    send('0210' + '0003' + '0005' + '0a' + '0000' + '412d' + '3034' + '3200' + '0000');
    send('0210000000020400070005');
    send('020300000008');
    expect(replies[0]).toBe(crc('021000030005'));
    expect(replies[1]).toBe(crc('021000000002'));
    expect(replies[2]).toBe(crc('020310' + '0007' + '0005' + '0064' + '0000' + '412d303432000000'));
    expect(emulator.board(2)).toMatchObject({ text: 'A-042', number: 7, blinking: true, display: 'A-042' });
  });

  it('counts blink seconds down on its clock', () => {
    const { emulator, send, advance } = setup();
    send('010600010003');
    expect(emulator.board(1).blinkSecondsLeft).toBe(3);
    advance(2500);
    expect(emulator.board(1).blinkSecondsLeft).toBe(1);
    advance(600);
    expect(emulator.board(1).blinking).toBe(false);
  });

  it('answers exceptions: unknown function, register out of the map, value out of range', async () => {
    const { emulator, replies, send } = setup();
    send('010400000001'); // function 04: not implemented → 01, once the line falls silent
    await sleep(20);
    send('010600090001'); // register 9 does not exist → 02
    send('010600020065'); // brightness 101 → 03
    send('0110000200020400320005'); // brightness 50 fine, mode 5 not → 03, nothing written
    expect(replies).toEqual([crc('018401'), crc('018602'), crc('018603'), crc('019003')]);
    expect(emulator.board(1).brightness).toBe(100);
  });

  it('finds frames in noise and across split chunks', () => {
    const { emulator, replies } = setup();
    const frame = withCrc(Buffer.from('010600020032', 'hex'));
    const garbage: Buffer[] = [];
    emulator.on('garbage', (b) => garbage.push(b));
    const stream = Buffer.concat([Buffer.from('ff00a5', 'hex'), frame]);
    for (const byte of stream) emulator.receive(Buffer.of(byte));
    expect(replies).toEqual([frame.toString('hex')]);
    expect(emulator.board(1).brightness).toBe(50);
    expect(Buffer.concat(garbage).toString('hex')).toBe('ff00a5');
  });

  it('ignores a request with a bad CRC', () => {
    const { emulator, replies } = setup();
    const frame = withCrc(Buffer.from('010600000005', 'hex'));
    frame[7]! ^= 0xff;
    emulator.receive(frame);
    expect(replies).toEqual([]);
    expect(emulator.board(1).number).toBe(0);
  });

  it('plays dead boards, damaged replies and broadcasts', () => {
    const { emulator, replies, send } = setup();
    emulator.setDead(2);
    send('020600000001');
    expect(replies).toEqual([]);
    expect(emulator.board(2).number).toBe(0);

    emulator.corruptCrc(1);
    send('010600000001');
    send('010600000002');
    expect(replies[0]).not.toBe(crc('010600000001'));
    expect(replies[0]!.slice(0, 12)).toBe('010600000001');
    expect(replies[1]).toBe(crc('010600000002'));

    emulator.setDead(2, false);
    send('000600020014'); // broadcast brightness 20: every board takes it, none answers
    expect(replies).toHaveLength(2);
    expect(emulator.boards().map((b) => b.brightness)).toEqual([20, 20]);
  });
});
