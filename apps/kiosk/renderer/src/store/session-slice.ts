import { CardScan, KioskTicket, ServiceInfo, type ErrorBody, type KioskIssue } from '@novbe/protocol';
import type { Language } from '@novbe/core';
import type { SliceCreator } from './kiosk-store';
import { ATTRACT, type IssueFailure, type Screen } from './screens';
import { validated } from './validated';

/** The card step as the screen shows it. */
export type CardStep =
  | { readonly phase: 'waiting' }
  | { readonly phase: 'read'; readonly scan: Extract<CardScan, { status: 'read' }> }
  | { readonly phase: 'rejected'; readonly scan: Extract<CardScan, { status: 'rejected' }> }
  | { readonly phase: 'timeout' }
  | { readonly phase: 'unavailable' };

export interface ServiceInfoView {
  readonly serviceId: string;
  readonly state: 'loading' | 'ready' | 'unknown';
  readonly info: ServiceInfo | null;
}

export type Alphabet = 'latin' | 'cyrillic';

export interface SessionSlice {
  language: Language;
  screen: Screen;
  /** Screens to go back to, most recent last. */
  history: readonly Screen[];
  query: string;
  alphabet: Alphabet;
  highContrast: boolean;
  largeText: boolean;
  serviceInfo: ServiceInfoView | null;
  card: CardStep | null;
  /** A ticket request is with the agent: further touches on "get ticket" are ignored. */
  issuing: boolean;

  /** Leaves the attract screen, in `language` when the citizen touched one. */
  start(language?: Language): void;
  setLanguage(language: Language): void;
  back(): void;
  /** Ends the session: back to the attract screen in Azerbaijani, display modes reset. */
  home(): void;
  openAgency(agencyId: string): void;
  openSearch(): void;
  openService(serviceId: string): void;
  openPriority(serviceId: string): void;
  typeKey(text: string): void;
  erase(): void;
  clearQuery(): void;
  switchAlphabet(): void;
  /** "Get a ticket": the card step when this kiosk has a reader, else the ticket at once. */
  requestTicket(serviceId: string): void;
  /** Waits for an ID card (again). */
  scanCard(serviceId: string): void;
  /** Skip the card: a regular ticket now. */
  skipCard(serviceId: string): void;
  issue(request: Omit<KioskIssue, 'language'>): Promise<void>;
  toggleContrast(): void;
  toggleLargeText(): void;
}

const alphabetOf = (language: Language): Alphabet => (language === 'ru' ? 'cyrillic' : 'latin');

/** What the citizen is told when an issue fails (the log of the agent keeps the detail). */
export function issueFailure(error: ErrorBody, request: Omit<KioskIssue, 'language'>): IssueFailure {
  if (error.code === 'unknown-entity') return 'service-gone';
  if (error.code === 'not-found' && request.scanId) return 'scan-expired';
  return 'generic';
}

const freshSession = {
  language: 'az',
  screen: ATTRACT,
  history: [],
  query: '',
  alphabet: 'latin',
  highContrast: false,
  largeText: false,
  serviceInfo: null,
  card: null,
} satisfies Partial<SessionSlice>;

export const createSessionSlice: SliceCreator<SessionSlice> =
  ({ bridge, config }) =>
  (set, get) => {
    // Each card wait gets a number, so the answer to an abandoned wait is dropped.
    let scanSeq = 0;

    const go = (screen: Screen) => {
      const { screen: current, history } = get();
      set({ screen, history: [...history, current] });
    };

    const stopScanning = () => {
      scanSeq += 1;
      if (get().card?.phase === 'waiting') void bridge.invoke('card-cancel');
    };

    const loadServiceInfo = async (serviceId: string) => {
      set({ serviceInfo: { serviceId, state: 'loading', info: null } });
      const result = validated(ServiceInfo, await bridge.invoke('service-info', serviceId));
      if (get().serviceInfo?.serviceId !== serviceId) return;
      set({
        serviceInfo: result.ok
          ? { serviceId, state: 'ready', info: result.value }
          : { serviceId, state: 'unknown', info: null },
      });
    };

    return {
      ...freshSession,
      issuing: false,

      start(language) {
        const lang = language ?? get().language;
        set({ language: lang, alphabet: alphabetOf(lang), screen: { name: 'agencies' }, history: [] });
      },
      setLanguage(language) {
        set({ language, alphabet: alphabetOf(language) });
      },
      back() {
        const history = [...get().history];
        const previous = history.pop();
        if (get().screen.name === 'card') stopScanning();
        if (!previous || previous.name === 'attract') return get().home();
        set({ screen: previous, history });
        if (previous.name === 'service' && get().serviceInfo?.serviceId !== previous.serviceId)
          void loadServiceInfo(previous.serviceId);
      },
      home() {
        stopScanning();
        set({ ...freshSession });
        // The agent may have refreshed the center's configuration since the last citizen.
        void get().loadCatalog();
      },
      openAgency(agencyId) {
        go({ name: 'services', agencyId });
      },
      openSearch() {
        go({ name: 'search' });
      },
      openService(serviceId) {
        go({ name: 'service', serviceId });
        void loadServiceInfo(serviceId);
      },
      openPriority(serviceId) {
        go({ name: 'priority', serviceId });
      },
      typeKey(text) {
        // Long enough for any service name; a stuck key cannot grow it without end.
        set({ query: (get().query + text).slice(0, 40) });
      },
      erase() {
        set({ query: get().query.slice(0, -1) });
      },
      clearQuery() {
        set({ query: '' });
      },
      switchAlphabet() {
        set({ alphabet: get().alphabet === 'latin' ? 'cyrillic' : 'latin' });
      },
      requestTicket(serviceId) {
        if (get().status?.cardReader === 'ready') {
          go({ name: 'card', serviceId });
          get().scanCard(serviceId);
        } else void get().issue({ serviceId });
      },
      scanCard(serviceId) {
        stopScanning();
        const seq = ++scanSeq;
        set({ card: { phase: 'waiting' } });
        void bridge.invoke('card-scan', { timeoutMs: config.cardMs }).then((answer) => {
          const current = get().screen;
          if (seq !== scanSeq || current.name !== 'card' || current.serviceId !== serviceId) return;
          const result = validated(CardScan, answer);
          if (!result.ok) return set({ card: { phase: 'unavailable' } });
          const scan = result.value;
          switch (scan.status) {
            case 'read':
              return set({ card: { phase: 'read', scan } });
            case 'rejected':
              return set({ card: { phase: 'rejected', scan } });
            case 'timeout':
            case 'cancelled':
              return set({ card: { phase: 'timeout' } });
            default:
              return assertNever(scan);
          }
        });
      },
      skipCard(serviceId) {
        stopScanning();
        void get().issue({ serviceId });
      },
      async issue(request) {
        if (get().issuing) return;
        const printing: Screen = { name: 'printing', serviceId: request.serviceId };
        // "Back" after a failure returns to the service or priority choice it came from; a card
        // step (already ended) or an earlier failure is not a place to go back to.
        const from = get().screen;
        const keep = from.name === 'service' || from.name === 'priority';
        set({ issuing: true, screen: printing, history: keep ? [...get().history, from] : get().history });
        const answer = await bridge.invoke('ticket-issue', { ...request, language: get().language });
        const result = validated(KioskTicket, answer);
        set({ issuing: false, card: null });
        if (get().screen !== printing) return;
        if (result.ok) set({ screen: { name: 'ticket', ticket: result.value }, history: [] });
        else set({ screen: { name: 'issue-failed', failure: issueFailure(result.error, request), request } });
      },
      toggleContrast() {
        set({ highContrast: !get().highContrast });
      },
      toggleLargeText() {
        set({ largeText: !get().largeText });
      },
    };
  };

function assertNever(x: never): never {
  throw new Error(`unexpected card scan ${JSON.stringify(x)}`);
}
