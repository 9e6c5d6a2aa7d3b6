import { exampleCenter } from '@novbe/core/fixtures';
import { describe, expect, it } from 'vitest';
import type { Statistics } from '@novbe/protocol';
import { csvField, statisticsToCsv } from './csv';
import { morning } from './testing';

describe('statisticsToCsv', () => {
  it('writes RFC 4180 with CRLF, quoting what needs it and keeping Azerbaijani letters', () => {
    const renamed: Statistics = {
      ...morning(),
      staff: [{ staffId: 'staff-x', name: 'Əliyev, Rauf "Böyük"', calls: 2, served: 1, meanHandlingMin: 16 }],
    };
    expect(statisticsToCsv(renamed, 'staff')).toBe(
      'staff_id,name,calls,served,mean_handling_min\r\n' + 'staff-x,"Əliyev, Rauf ""Böyük""",2,1,16\r\n',
    );
  });

  it('exports each table with a header row and one line per row', () => {
    const s = morning();
    const lines = (csv: string) => csv.split('\r\n').slice(0, -1);
    expect(lines(statisticsToCsv(s, 'hours'))).toEqual([
      'hour,issued,called,mean_wait_min',
      '09:00,4,3,10',
      '10:00,3,2,15',
    ]);
    expect(lines(statisticsToCsv(s, 'services'))[1]).toBe(
      'dim-id-card,DIM-ID,Şəxsiyyət vəsiqəsinin verilməsi,4,3,4,0,0,13.3,10,18,12.5',
    );
    expect(lines(statisticsToCsv(s, 'services', 'ru'))[1]).toContain('Выдача удостоверения личности');
    expect(lines(statisticsToCsv(s, 'counters'))[1]).toBe('counter-1,1,3,3,0,10,30,110,0.273');
    expect(lines(statisticsToCsv(s, 'counters'))).toHaveLength(1 + exampleCenter.counters.length);
    expect(lines(statisticsToCsv(s, 'staff'))[1]).toBe('staff-aysel,Aysel Məmmədova,3,3,10');
  });

  it('quotes line breaks and leaves plain fields alone', () => {
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('Günel İsmayılova')).toBe('Günel İsmayılova');
    expect(csvField(0.5)).toBe('0.5');
  });
});
