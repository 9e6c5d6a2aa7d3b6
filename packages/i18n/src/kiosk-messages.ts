import type { PriorityReason } from '@novbe/core';
import { defineCatalogue } from './catalogue';

/** Why an ID card was refused, as the card reader reports it (kept equal to the kiosk protocol). */
export type KioskCardRejection =
  'garbled' | 'partial' | 'bad-check-digit' | 'expired' | 'not-an-id-card' | 'bad-fin';

/**
 * Why the kiosk cannot give a ticket now: the agent's reasons, plus `agent-unreachable` (the
 * touchscreen lost its own agent) and `catalog-unavailable` (no services to show yet).
 */
export type KioskOutOfServiceReason =
  | 'paper-out'
  | 'cover-open'
  | 'printer-offline'
  | 'printer-error'
  | 'no-capacity'
  | 'not-configured'
  | 'agent-unreachable'
  | 'catalog-unavailable';

/** Every string the kiosk touchscreen shows a citizen. `{…}` marks a value filled in on screen. */
export interface KioskMessages {
  /** The language's own name, on the language buttons ("Azərbaycanca", "Русский", "English"). */
  readonly languageName: string;
  readonly attract: {
    readonly welcome: string;
    readonly touchToStart: string;
  };
  readonly nav: {
    readonly back: string;
    readonly home: string;
    readonly search: string;
    readonly contrast: string;
    readonly largerText: string;
    /** Screen-reader label of the language buttons. */
    readonly language: string;
  };
  readonly agencies: {
    readonly title: string;
    readonly government: string;
    readonly private: string;
    readonly searchHint: string;
  };
  readonly services: {
    readonly title: string;
  };
  readonly search: {
    readonly title: string;
    readonly placeholder: string;
    readonly noResults: string;
    readonly space: string;
    readonly clear: string;
    readonly erase: string;
    /** The key that switches the on-screen keyboard to the other alphabet. */
    readonly otherAlphabet: string;
  };
  readonly service: {
    readonly documents: string;
    readonly noDocuments: string;
    readonly idCardRequired: string;
    readonly peopleWaiting: string;
    readonly estimatedWait: string;
    readonly notKnown: string;
    readonly loading: string;
    readonly getTicket: string;
    readonly priority: string;
    /** `{low}`, `{high}`: whole minutes, e.g. "12–18 dəq". */
    readonly minutesRange: string;
    /** `{minutes}`: one value when the range collapses. */
    readonly minutes: string;
    readonly underAMinute: string;
  };
  readonly priority: {
    readonly title: string;
    readonly explain: string;
    readonly proof: string;
    readonly reasons: { readonly [R in PriorityReason]: string };
  };
  readonly card: {
    readonly title: string;
    readonly why: string;
    readonly how: string;
    readonly waiting: string;
    readonly skip: string;
    /** The title once a card was read. */
    readonly readTitle: string;
    /** `{time}`: the appointment's slot, HH:MM in the center's zone. */
    readonly appointmentFound: string;
    readonly appointmentOnTime: string;
    readonly appointmentEarly: string;
    readonly appointmentEarlyHint: string;
    readonly appointmentLate: string;
    readonly appointmentLateHint: string;
    /** `{service}`: the appointment is for another service than the one chosen. */
    readonly appointmentOtherService: string;
    /** `{reason}`: one of `priority.reasons`. */
    readonly entitlement: string;
    readonly nothingFound: string;
    readonly regularTicketHint: string;
    readonly getPriorityTicket: string;
    readonly getAppointmentTicket: string;
    readonly getRegularTicket: string;
    readonly tryAgain: string;
    readonly rejectedTitle: string;
    readonly rejected: { readonly [R in KioskCardRejection]: string };
    readonly timeout: string;
    readonly readerUnavailable: string;
  };
  readonly printing: {
    readonly title: string;
    readonly wait: string;
  };
  readonly ticket: {
    readonly take: string;
    readonly yourNumber: string;
    readonly peopleAhead: string;
    readonly estimatedWait: string;
    readonly watchTheScreen: string;
    readonly checkedIn: string;
    readonly done: string;
  };
  readonly issueFailed: {
    readonly title: string;
    readonly generic: string;
    readonly serviceGone: string;
    readonly scanExpired: string;
    readonly tryAgain: string;
    readonly scanAgain: string;
    readonly chooseAnother: string;
  };
  readonly idle: {
    readonly stillThere: string;
    /** `{seconds}`: the countdown. */
    readonly returning: string;
    readonly continue: string;
  };
  readonly outOfService: {
    readonly title: string;
    readonly body: string;
    readonly reasons: { readonly [R in KioskOutOfServiceReason]: string };
  };
}

export const kioskMessages = defineCatalogue<KioskMessages>({
  az: {
    languageName: 'Azərbaycanca',
    attract: {
      welcome: 'Xoş gəlmisiniz',
      touchToStart: 'Başlamaq üçün ekrana toxunun',
    },
    nav: {
      back: 'Geri',
      home: 'Əvvələ',
      search: 'Axtarış',
      contrast: 'Kontrast',
      largerText: 'Böyük şrift',
      language: 'Dil',
    },
    agencies: {
      title: 'Qurumu seçin',
      government: 'Dövlət qurumları',
      private: 'Özəl şirkətlər',
      searchHint: 'Xidməti adına görə axtarın',
    },
    services: {
      title: 'Xidməti seçin',
    },
    search: {
      title: 'Xidməti adına görə axtarın',
      placeholder: 'Xidmətin adını yazın',
      noResults: 'Heç nə tapılmadı. Başqa söz yazın və ya qurumu seçin.',
      space: 'Boşluq',
      clear: 'Təmizlə',
      erase: 'Sil',
      otherAlphabet: 'АБВ',
    },
    service: {
      documents: 'Özünüzlə gətirin',
      noDocuments: 'Bu xidmət üçün xüsusi sənəd tələb olunmur.',
      idCardRequired: 'Şəxsiyyət vəsiqəsi tələb olunur',
      peopleWaiting: 'Növbədə gözləyənlər',
      estimatedWait: 'Təxmini gözləmə',
      notKnown: 'hazırda məlum deyil',
      loading: 'Yüklənir…',
      getTicket: 'Talon götürün',
      priority: 'Güzəştli növbə hüququm var',
      minutesRange: '{low}–{high} dəq',
      minutes: '{minutes} dəq',
      underAMinute: '1 dəqiqədən az',
    },
    priority: {
      title: 'Güzəştli növbə',
      explain: 'Sizə aid olanı seçin — güzəştli talonunuz dərhal çap olunacaq.',
      proof: 'Əməkdaş sənədi yoxlaya bilər.',
      reasons: {
        disability: 'Əlilliyi olan şəxs',
        elderly: 'Yaşlı vətəndaş',
        veteran: 'Müharibə veteranı',
        pregnancy: 'Hamilə qadın',
      },
    },
    card: {
      title: 'Şəxsiyyət vəsiqənizi oxudun',
      why: 'Qəbula yazılmısınızsa və ya güzəşt hüququnuz varsa',
      how: 'Vəsiqəni aşağıdakı oxuyucuya qoyun',
      waiting: 'Vəsiqə gözlənilir…',
      skip: 'Vəsiqəsiz davam edin — adi talon',
      readTitle: 'Vəsiqəniz oxundu',
      appointmentFound: 'Qəbulunuz tapıldı: saat {time}',
      appointmentOnTime: 'Qəbul vaxtınıza uyğun talon alacaqsınız.',
      appointmentEarly: 'Siz tez gəlmisiniz. Qəbul vaxtınız: {time}',
      appointmentEarlyHint: 'İndi adi talon götürə və ya qəbul vaxtına yaxın qayıda bilərsiniz.',
      appointmentLate: 'Qəbul vaxtınız keçib: {time}',
      appointmentLateHint: 'Sizə adi talon veriləcək.',
      appointmentOtherService: 'Qəbul bu xidmət üçündür: {service}',
      entitlement: 'Güzəştli növbə: {reason}',
      nothingFound: 'Bu gün üçün qəbulunuz yoxdur.',
      regularTicketHint: 'Sizə adi talon veriləcək.',
      getPriorityTicket: 'Güzəştli talon götürün',
      getAppointmentTicket: 'Qəbul üçün talon götürün',
      getRegularTicket: 'Adi talon götürün',
      tryAgain: 'Yenidən cəhd edin',
      rejectedTitle: 'Vəsiqə qəbul edilmədi',
      rejected: {
        garbled: 'Vəsiqə oxunmadı. Onu yenidən, düz və yavaş qoyun.',
        partial: 'Vəsiqə tam oxunmadı: onu çox tez çıxardınız.',
        'bad-check-digit': 'Vəsiqənin məlumatları yoxlamadan keçmədi. Yenidən cəhd edin.',
        expired: 'Bu şəxsiyyət vəsiqəsinin müddəti bitib.',
        'not-an-id-card': 'Bu, şəxsiyyət vəsiqəsi deyil. Azərbaycan şəxsiyyət vəsiqəsini qoyun.',
        'bad-fin': 'Vəsiqədəki FİN kod düzgün deyil.',
      },
      timeout: 'Vəsiqə qoyulmadı.',
      readerUnavailable: 'Vəsiqə oxuyucusu hazırda işləmir.',
    },
    printing: {
      title: 'Talonunuz çap olunur…',
      wait: 'Bir an gözləyin',
    },
    ticket: {
      take: 'Talonunuzu götürün',
      yourNumber: 'Sizin nömrəniz',
      peopleAhead: 'Qarşınızda',
      estimatedWait: 'Təxmini gözləmə',
      watchTheScreen: 'Nömrənizi zaldakı ekranda izləyin',
      checkedIn: 'Qəbulunuz qeydə alındı',
      done: 'Hazırdır',
    },
    issueFailed: {
      title: 'Talon verilmədi',
      generic: 'Bağışlayın, talonu çap etmək alınmadı. Yenidən cəhd edin və ya əməkdaşa müraciət edin.',
      serviceGone: 'Bu xidmət hazırda mövcud deyil. Başqa xidmət seçin.',
      scanExpired: 'Vəsiqənin oxunma vaxtı bitib. Vəsiqəni yenidən oxudun.',
      tryAgain: 'Yenidən cəhd edin',
      scanAgain: 'Vəsiqəni yenidən oxudun',
      chooseAnother: 'Başqa xidmət seçin',
    },
    idle: {
      stillThere: 'Hələ buradasınız?',
      returning: 'Ekran {seconds} saniyə sonra əvvələ qayıdacaq',
      continue: 'Davam edin',
    },
    outOfService: {
      title: 'Terminal müvəqqəti işləmir',
      body: 'Zəhmət olmasa, başqa terminaldan istifadə edin və ya əməkdaşa müraciət edin.',
      reasons: {
        'paper-out': 'Printerdə kağız bitib.',
        'cover-open': 'Printerin qapağı açıqdır.',
        'printer-offline': 'Printer qoşulmayıb.',
        'printer-error': 'Printerdə xəta baş verib.',
        'no-capacity': 'Mərkəzin serveri ilə əlaqə yoxdur.',
        'not-configured': 'Terminal hələ qurulmayıb.',
        'agent-unreachable': 'Terminalın proqramı cavab vermir.',
        'catalog-unavailable': 'Xidmətlərin siyahısı hələ yüklənməyib.',
      },
    },
  },
  ru: {
    languageName: 'Русский',
    attract: {
      welcome: 'Добро пожаловать',
      touchToStart: 'Коснитесь экрана, чтобы начать',
    },
    nav: {
      back: 'Назад',
      home: 'В начало',
      search: 'Поиск',
      contrast: 'Контраст',
      largerText: 'Крупный шрифт',
      language: 'Язык',
    },
    agencies: {
      title: 'Выберите организацию',
      government: 'Государственные органы',
      private: 'Частные компании',
      searchHint: 'Найти услугу по названию',
    },
    services: {
      title: 'Выберите услугу',
    },
    search: {
      title: 'Поиск услуги по названию',
      placeholder: 'Введите название услуги',
      noResults: 'Ничего не найдено. Введите другое слово или выберите организацию.',
      space: 'Пробел',
      clear: 'Очистить',
      erase: 'Стереть',
      otherAlphabet: 'ABC',
    },
    service: {
      documents: 'Возьмите с собой',
      noDocuments: 'Для этой услуги особые документы не нужны.',
      idCardRequired: 'Нужно удостоверение личности',
      peopleWaiting: 'Ожидают в очереди',
      estimatedWait: 'Примерное ожидание',
      notKnown: 'сейчас неизвестно',
      loading: 'Загрузка…',
      getTicket: 'Получить талон',
      priority: 'У меня есть право на льготную очередь',
      minutesRange: '{low}–{high} мин',
      minutes: '{minutes} мин',
      underAMinute: 'меньше минуты',
    },
    priority: {
      title: 'Льготная очередь',
      explain: 'Выберите, что относится к вам, — льготный талон сразу напечатается.',
      proof: 'Сотрудник может попросить подтверждающий документ.',
      reasons: {
        disability: 'Человек с инвалидностью',
        elderly: 'Пожилой гражданин',
        veteran: 'Ветеран войны',
        pregnancy: 'Беременная женщина',
      },
    },
    card: {
      title: 'Вставьте удостоверение личности',
      why: 'Если вы записаны на приём или имеете право на льготную очередь',
      how: 'Вставьте удостоверение в считыватель ниже',
      waiting: 'Ожидание карты…',
      skip: 'Продолжить без удостоверения — обычный талон',
      readTitle: 'Удостоверение прочитано',
      appointmentFound: 'Ваша запись найдена: {time}',
      appointmentOnTime: 'Вы получите талон на время вашей записи.',
      appointmentEarly: 'Вы пришли рано. Время записи: {time}',
      appointmentEarlyHint: 'Можно взять обычный талон сейчас или вернуться ближе ко времени записи.',
      appointmentLate: 'Время вашей записи прошло: {time}',
      appointmentLateHint: 'Вы получите обычный талон.',
      appointmentOtherService: 'Запись на услугу: {service}',
      entitlement: 'Льготная очередь: {reason}',
      nothingFound: 'На сегодня записи нет.',
      regularTicketHint: 'Вы получите обычный талон.',
      getPriorityTicket: 'Получить льготный талон',
      getAppointmentTicket: 'Получить талон по записи',
      getRegularTicket: 'Получить обычный талон',
      tryAgain: 'Попробовать снова',
      rejectedTitle: 'Удостоверение не принято',
      rejected: {
        garbled: 'Не удалось прочитать карту. Вставьте её ещё раз, ровно и медленно.',
        partial: 'Карта прочитана не полностью: её вынули слишком рано.',
        'bad-check-digit': 'Данные карты не прошли проверку. Попробуйте ещё раз.',
        expired: 'Срок действия этого удостоверения истёк.',
        'not-an-id-card': 'Это не удостоверение личности. Вставьте удостоверение личности Азербайджана.',
        'bad-fin': 'ФИН-код на карте недействителен.',
      },
      timeout: 'Удостоверение не было вставлено.',
      readerUnavailable: 'Считыватель карт сейчас не работает.',
    },
    printing: {
      title: 'Печатаем ваш талон…',
      wait: 'Подождите немного',
    },
    ticket: {
      take: 'Возьмите ваш талон',
      yourNumber: 'Ваш номер',
      peopleAhead: 'Перед вами',
      estimatedWait: 'Примерное ожидание',
      watchTheScreen: 'Следите за своим номером на экране в зале',
      checkedIn: 'Ваша запись подтверждена',
      done: 'Готово',
    },
    issueFailed: {
      title: 'Талон не выдан',
      generic: 'Извините, талон не удалось напечатать. Попробуйте ещё раз или обратитесь к сотруднику.',
      serviceGone: 'Эта услуга сейчас недоступна. Выберите другую услугу.',
      scanExpired: 'Время чтения удостоверения истекло. Вставьте его ещё раз.',
      tryAgain: 'Попробовать снова',
      scanAgain: 'Вставить удостоверение снова',
      chooseAnother: 'Выбрать другую услугу',
    },
    idle: {
      stillThere: 'Вы ещё здесь?',
      returning: 'Через {seconds} с экран вернётся в начало',
      continue: 'Продолжить',
    },
    outOfService: {
      title: 'Терминал временно не работает',
      body: 'Пожалуйста, воспользуйтесь другим терминалом или обратитесь к сотруднику.',
      reasons: {
        'paper-out': 'В принтере закончилась бумага.',
        'cover-open': 'Открыта крышка принтера.',
        'printer-offline': 'Принтер не подключён.',
        'printer-error': 'Ошибка принтера.',
        'no-capacity': 'Нет связи с сервером центра.',
        'not-configured': 'Терминал ещё не настроен.',
        'agent-unreachable': 'Программа терминала не отвечает.',
        'catalog-unavailable': 'Список услуг ещё не загружен.',
      },
    },
  },
  en: {
    languageName: 'English',
    attract: {
      welcome: 'Welcome',
      touchToStart: 'Touch the screen to start',
    },
    nav: {
      back: 'Back',
      home: 'Start over',
      search: 'Search',
      contrast: 'Contrast',
      largerText: 'Larger text',
      language: 'Language',
    },
    agencies: {
      title: 'Choose an organisation',
      government: 'Government agencies',
      private: 'Private companies',
      searchHint: 'Find a service by name',
    },
    services: {
      title: 'Choose a service',
    },
    search: {
      title: 'Find a service by name',
      placeholder: 'Type the name of a service',
      noResults: 'Nothing found. Type another word or choose an organisation.',
      space: 'Space',
      clear: 'Clear',
      erase: 'Delete',
      otherAlphabet: 'АБВ',
    },
    service: {
      documents: 'Bring with you',
      noDocuments: 'No special documents are needed for this service.',
      idCardRequired: 'ID card required',
      peopleWaiting: 'People waiting',
      estimatedWait: 'Estimated wait',
      notKnown: 'not known right now',
      loading: 'Loading…',
      getTicket: 'Get a ticket',
      priority: 'I am entitled to priority',
      minutesRange: '{low}–{high} min',
      minutes: '{minutes} min',
      underAMinute: 'under a minute',
    },
    priority: {
      title: 'Priority service',
      explain: 'Choose what applies to you — your priority ticket prints at once.',
      proof: 'Staff may ask to see proof at the counter.',
      reasons: {
        disability: 'Person with a disability',
        elderly: 'Senior citizen',
        veteran: 'War veteran',
        pregnancy: 'Pregnant woman',
      },
    },
    card: {
      title: 'Insert your ID card',
      why: 'If you have an appointment or are entitled to priority',
      how: 'Insert the card into the reader below',
      waiting: 'Waiting for the card…',
      skip: 'Continue without a card — regular ticket',
      readTitle: 'Your ID card was read',
      appointmentFound: 'Appointment found: {time}',
      appointmentOnTime: 'You will get a ticket for your appointment time.',
      appointmentEarly: 'You are early. Your appointment is at {time}',
      appointmentEarlyHint: 'Take a regular ticket now, or come back closer to your time.',
      appointmentLate: 'Your appointment time has passed: {time}',
      appointmentLateHint: 'You will get a regular ticket.',
      appointmentOtherService: 'The appointment is for: {service}',
      entitlement: 'Priority service: {reason}',
      nothingFound: 'You have no appointment today.',
      regularTicketHint: 'You will get a regular ticket.',
      getPriorityTicket: 'Get a priority ticket',
      getAppointmentTicket: 'Get my appointment ticket',
      getRegularTicket: 'Get a regular ticket',
      tryAgain: 'Try again',
      rejectedTitle: 'The card was not accepted',
      rejected: {
        garbled: 'The card could not be read. Insert it again, straight and slowly.',
        partial: 'The card was only partly read: it was removed too soon.',
        'bad-check-digit': "The card's data did not pass the check. Please try again.",
        expired: 'This ID card has expired.',
        'not-an-id-card': 'This is not an ID card. Please use an Azerbaijani ID card.',
        'bad-fin': 'The personal number (FIN) on the card is not valid.',
      },
      timeout: 'No card was inserted.',
      readerUnavailable: 'The card reader is not working right now.',
    },
    printing: {
      title: 'Printing your ticket…',
      wait: 'One moment, please',
    },
    ticket: {
      take: 'Take your ticket',
      yourNumber: 'Your number',
      peopleAhead: 'People ahead',
      estimatedWait: 'Estimated wait',
      watchTheScreen: 'Watch for your number on the hall screen',
      checkedIn: 'You are checked in for your appointment',
      done: 'Done',
    },
    issueFailed: {
      title: 'No ticket was issued',
      generic: 'Sorry, the ticket could not be printed. Please try again or ask a member of staff.',
      serviceGone: 'This service is not available now. Please choose another one.',
      scanExpired: 'The card reading has expired. Please insert your card again.',
      tryAgain: 'Try again',
      scanAgain: 'Insert the card again',
      chooseAnother: 'Choose another service',
    },
    idle: {
      stillThere: 'Are you still there?',
      returning: 'Going back to the start in {seconds} s',
      continue: 'Continue',
    },
    outOfService: {
      title: 'This kiosk is temporarily out of service',
      body: 'Please use another kiosk or ask a member of staff.',
      reasons: {
        'paper-out': 'The printer is out of paper.',
        'cover-open': 'The printer cover is open.',
        'printer-offline': 'The printer is not connected.',
        'printer-error': 'The printer has a fault.',
        'no-capacity': "There is no connection to the center's server.",
        'not-configured': 'The kiosk is not set up yet.',
        'agent-unreachable': 'The kiosk software is not responding.',
        'catalog-unavailable': 'The list of services has not loaded yet.',
      },
    },
  },
});
