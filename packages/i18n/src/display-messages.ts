import type { Direction } from '@novbe/core';
import { defineCatalogue } from './catalogue';

/** Every string a hall or counter screen shows. `{…}` marks a value filled in on screen. */
export interface DisplayMessages {
  readonly ticket: string;
  readonly counter: string;
  /** The newest call, as a sentence under the numbers. */
  readonly goTo: string;
  readonly floor: string;
  readonly direction: { readonly [D in Direction]: string };
  readonly recentCalls: string;
  readonly waiting: string;
  readonly noCalls: string;
  readonly recalled: string;
  readonly offline: string;
  readonly connecting: string;
  readonly counterScreen: {
    readonly title: string;
    readonly open: string;
    readonly paused: string;
    readonly closed: string;
    readonly idle: string;
    readonly nowServing: string;
    /** Under "on a break" / "closed": what it means for a citizen. */
    readonly pausedHint: string;
    readonly closedHint: string;
  };
  readonly setup: {
    readonly pairTitle: string;
    readonly pairHint: string;
    readonly codeLabel: string;
    readonly pair: string;
    readonly pairing: string;
    readonly pairFailed: string;
    readonly chooseTitle: string;
    readonly hallScreen: string;
    readonly counterScreen: string;
    readonly soundOff: string;
  };
}

export const displayMessages = defineCatalogue<DisplayMessages>({
  az: {
    ticket: 'Bilet',
    counter: 'Masa',
    goTo: '{number} nömrəli bilet, {counter} nömrəli masaya yaxınlaşın',
    floor: 'Mərtəbə {floor}',
    direction: {
      left: 'solda',
      right: 'sağda',
      ahead: 'düz irəlidə',
      behind: 'arxada',
      upstairs: 'yuxarı mərtəbədə',
      downstairs: 'aşağı mərtəbədə',
    },
    recentCalls: 'Son çağırışlar',
    waiting: 'Gözləyənlər: {count}',
    noCalls: 'Çağırılan biletlər burada görünəcək',
    recalled: 'Təkrar çağırış',
    offline: 'Serverlə əlaqə yoxdur · son vəziyyət göstərilir',
    connecting: 'Qoşulur…',
    counterScreen: {
      title: 'Masa {counter}',
      open: 'Açıqdır',
      paused: 'Fasilə',
      closed: 'Bağlıdır',
      idle: 'Növbəti bilet gözlənilir',
      nowServing: 'Xidmət olunur',
      pausedHint: 'Qısa fasilə, tezliklə qayıdırıq',
      closedHint: 'Bu masa hazırda işləmir',
    },
    setup: {
      pairTitle: 'Ekranı qoşun',
      pairHint: 'Administratorun verdiyi birdəfəlik kodu daxil edin.',
      codeLabel: 'Qoşulma kodu',
      pair: 'Qoş',
      pairing: 'Qoşulur…',
      pairFailed: 'Kod qəbul edilmədi: {reason}',
      chooseTitle: 'Bu ekran nəyi göstərsin?',
      hallScreen: 'Zal ekranı: {hall}',
      counterScreen: 'Masa ekranı: {counter}',
      soundOff: 'Səsli elanları açmaq üçün ekrana toxunun',
    },
  },
  ru: {
    ticket: 'Талон',
    counter: 'Окно',
    goTo: 'Талон {number}, подойдите к окну {counter}',
    floor: '{floor} этаж',
    direction: {
      left: 'слева',
      right: 'справа',
      ahead: 'прямо',
      behind: 'сзади',
      upstairs: 'этажом выше',
      downstairs: 'этажом ниже',
    },
    recentCalls: 'Последние вызовы',
    waiting: 'В очереди: {count}',
    noCalls: 'Здесь появятся вызванные талоны',
    recalled: 'Повторный вызов',
    offline: 'Нет связи с сервером · показано последнее состояние',
    connecting: 'Подключение…',
    counterScreen: {
      title: 'Окно {counter}',
      open: 'Открыто',
      paused: 'Перерыв',
      closed: 'Закрыто',
      idle: 'Ожидается следующий талон',
      nowServing: 'Обслуживается',
      pausedHint: 'Короткий перерыв, скоро вернёмся',
      closedHint: 'Это окно сейчас не работает',
    },
    setup: {
      pairTitle: 'Подключите экран',
      pairHint: 'Введите одноразовый код, полученный у администратора.',
      codeLabel: 'Код подключения',
      pair: 'Подключить',
      pairing: 'Подключение…',
      pairFailed: 'Код не принят: {reason}',
      chooseTitle: 'Что показывать на этом экране?',
      hallScreen: 'Экран зала: {hall}',
      counterScreen: 'Экран окна: {counter}',
      soundOff: 'Коснитесь экрана, чтобы включить голосовые вызовы',
    },
  },
  en: {
    ticket: 'Ticket',
    counter: 'Counter',
    goTo: 'Ticket {number}, please go to counter {counter}',
    floor: 'floor {floor}',
    direction: {
      left: 'on the left',
      right: 'on the right',
      ahead: 'straight ahead',
      behind: 'behind you',
      upstairs: 'upstairs',
      downstairs: 'downstairs',
    },
    recentCalls: 'Recent calls',
    waiting: 'Waiting: {count}',
    noCalls: 'Called tickets will appear here',
    recalled: 'Called again',
    offline: 'No connection to the server · showing the last state',
    connecting: 'Connecting…',
    counterScreen: {
      title: 'Counter {counter}',
      open: 'Open',
      paused: 'On a break',
      closed: 'Closed',
      idle: 'Waiting for the next ticket',
      nowServing: 'Now serving',
      pausedHint: 'A short break, back soon',
      closedHint: 'This counter is not serving now',
    },
    setup: {
      pairTitle: 'Pair this screen',
      pairHint: 'Enter the one-time code the administrator gave you.',
      codeLabel: 'Pairing code',
      pair: 'Pair',
      pairing: 'Pairing…',
      pairFailed: 'The code was not accepted: {reason}',
      chooseTitle: 'What should this screen show?',
      hallScreen: 'Hall screen: {hall}',
      counterScreen: 'Counter screen: {counter}',
      soundOff: 'Touch the screen to turn on spoken calls',
    },
  },
});
