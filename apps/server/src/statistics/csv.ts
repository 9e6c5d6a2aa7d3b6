import { assertNever, type Language } from '@novbe/core';
import type { Statistics, StatisticsTable } from '@novbe/protocol';

type Cell = string | number;

/**
 * One table of the statistics as RFC 4180 CSV: a header row, CRLF line ends, fields quoted
 * only when they must be. Text stays as it is (UTF-8 once encoded, no BOM), so names like
 * "Məmmədova" survive; service names are given in `language`, Azerbaijani by default.
 */
export function statisticsToCsv(
  stats: Statistics,
  table: StatisticsTable,
  language: Language = 'az',
): string {
  return tableRows(stats, table, language)
    .map((row) => row.map(csvField).join(',') + '\r\n')
    .join('');
}

function tableRows(stats: Statistics, table: StatisticsTable, language: Language): Cell[][] {
  switch (table) {
    case 'services':
      return [
        [
          'service_id',
          'code',
          'name',
          'tickets',
          'called',
          'served',
          'no_shows',
          'no_show_rate',
          'mean_wait_min',
          'median_wait_min',
          'p90_wait_min',
          'mean_handling_min',
        ],
        ...stats.services.map((s) => [
          s.serviceId,
          s.code,
          s.name[language],
          s.tickets,
          s.called,
          s.served,
          s.noShows,
          s.noShowRate,
          s.meanWaitMin,
          s.medianWaitMin,
          s.p90WaitMin,
          s.meanHandlingMin,
        ]),
      ];
    case 'counters':
      return [
        [
          'counter_id',
          'number',
          'calls',
          'served',
          'no_shows',
          'mean_handling_min',
          'busy_min',
          'open_min',
          'utilisation',
        ],
        ...stats.counters.map((c) => [
          c.counterId,
          c.number,
          c.calls,
          c.served,
          c.noShows,
          c.meanHandlingMin,
          c.busyMin,
          c.openMin,
          c.utilisation,
        ]),
      ];
    case 'staff':
      return [
        ['staff_id', 'name', 'calls', 'served', 'mean_handling_min'],
        ...stats.staff.map((s) => [s.staffId, s.name, s.calls, s.served, s.meanHandlingMin]),
      ];
    case 'hours':
      return [
        ['hour', 'issued', 'called', 'mean_wait_min'],
        ...stats.hours.map((h) => [
          `${String(h.hour).padStart(2, '0')}:00`,
          h.issued,
          h.called,
          h.meanWaitMin,
        ]),
      ];
    default:
      return assertNever(table, 'statistics table');
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: Cell): string {
  // Numbers print with a dot whatever the locale; the statistics are already rounded.
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
