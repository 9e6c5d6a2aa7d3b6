import type { Language } from '@novbe/core';
import type { TicketPrintData } from './ticket-data';

/** Sample tickets in each language, for tests, the emulator CLI and benchmarks. */
export const SAMPLE_TICKETS: Readonly<Record<Language, TicketPrintData>> = {
  az: {
    language: 'az',
    centerName: 'Bakı ASAN xidmət mərkəzi №1',
    agencyName: 'Daxili İşlər Nazirliyi',
    serviceName: 'Şəxsiyyət vəsiqəsi',
    number: 'A-042',
    peopleAhead: 7,
    waitMinutes: { low: 12, high: 18 },
    issuedAt: Date.UTC(2025, 10, 25, 5, 5),
    timeZone: 'Asia/Baku',
    kioskName: 'Giriş 2',
    trackingUrl: 'https://novbe.example.az/t/01JD8Z6S4V2K9QX7M3N5P0R1ST',
  },
  ru: {
    language: 'ru',
    centerName: 'Центр «ASAN xidmət» №1, Баку',
    agencyName: 'Министерство внутренних дел',
    serviceName: 'Удостоверение личности',
    number: 'A-043',
    peopleAhead: 8,
    waitMinutes: { low: 14, high: 20 },
    issuedAt: Date.UTC(2025, 10, 25, 5, 6),
    timeZone: 'Asia/Baku',
    kioskName: 'Вход 2',
    trackingUrl: 'https://novbe.example.az/t/01JD8Z7B1C3D5E7F9G1H3J5K7M',
  },
  en: {
    language: 'en',
    centerName: 'ASAN Service Center No. 1, Baku',
    agencyName: 'Ministry of Internal Affairs',
    serviceName: 'Identity card',
    number: 'A-044',
    peopleAhead: 0,
    waitMinutes: { low: 0, high: 3 },
    issuedAt: Date.UTC(2025, 10, 25, 5, 7),
    timeZone: 'Asia/Baku',
    kioskName: 'Entrance 2',
    trackingUrl: 'https://novbe.example.az/t/01JD8Z7Q2W4E6R8T0Y2U4I6O8P',
  },
};
