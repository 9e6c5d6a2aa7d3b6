import { defineCatalogue } from './catalogue';

/** Labels printed on a queue ticket. `{…}` marks a value filled in at print time. */
export interface TicketMessages {
  /** Above the big number. */
  readonly yourNumber: string;
  /** `{count}`: people projected to be called before this ticket. */
  readonly peopleAhead: string;
  readonly nobodyAhead: string;
  /** `{range}`: e.g. "10–15 min". */
  readonly estimatedWait: string;
  readonly minutesShort: string;
  readonly hoursShort: string;
  readonly underAMinute: string;
  /** `{dateTime}`: issue time in the center's zone. */
  readonly issuedAt: string;
  /** `{kiosk}`: the kiosk's name. */
  readonly kiosk: string;
  /** Above the QR code with the tracking URL. */
  readonly trackYourPlace: string;
  /** Footer: what to do next. */
  readonly watchTheScreen: string;
  /** Short month names for the printed date, January first. */
  readonly months: readonly [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
}

export const ticketMessages = defineCatalogue<TicketMessages>({
  az: {
    yourNumber: 'Sizin nömrəniz',
    peopleAhead: 'Qarşınızda: {count} nəfər',
    nobodyAhead: 'Qarşınızda heç kim yoxdur',
    estimatedWait: 'Təxmini gözləmə: {range}',
    minutesShort: 'dəq',
    hoursShort: 'saat',
    underAMinute: '1 dəqiqədən az',
    issuedAt: 'Verilib: {dateTime}',
    kiosk: 'Terminal: {kiosk}',
    trackYourPlace: 'Növbənizi telefonda izləyin',
    watchTheScreen: 'Nömrənizi ekranda izləyin',
    months: ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avq', 'sen', 'okt', 'noy', 'dek'],
  },
  ru: {
    yourNumber: 'Ваш номер',
    peopleAhead: 'Перед вами: {count} чел.',
    nobodyAhead: 'Перед вами никого нет',
    estimatedWait: 'Ожидание: {range}',
    minutesShort: 'мин',
    hoursShort: 'ч',
    underAMinute: 'меньше минуты',
    issuedAt: 'Выдан: {dateTime}',
    kiosk: 'Терминал: {kiosk}',
    trackYourPlace: 'Следите за очередью в телефоне',
    watchTheScreen: 'Следите за вызовом на экране',
    months: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
  en: {
    yourNumber: 'Your number',
    peopleAhead: 'People ahead: {count}',
    nobodyAhead: 'No one is ahead of you',
    estimatedWait: 'Estimated wait: {range}',
    minutesShort: 'min',
    hoursShort: 'h',
    underAMinute: 'under a minute',
    issuedAt: 'Issued: {dateTime}',
    kiosk: 'Kiosk: {kiosk}',
    trackYourPlace: 'Track your place on your phone',
    watchTheScreen: 'Watch the screen for your number',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
});
