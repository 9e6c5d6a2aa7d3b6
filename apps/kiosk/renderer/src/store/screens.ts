import type { KioskIssue, KioskTicket } from '@novbe/protocol';

/** Why an issue failed, in the terms the citizen is told. */
export type IssueFailure = 'generic' | 'service-gone' | 'scan-expired';

/** Every screen of the kiosk; the session holds the current one and the way back. */
export type Screen =
  | { readonly name: 'attract' }
  | { readonly name: 'agencies' }
  | { readonly name: 'services'; readonly agencyId: string }
  | { readonly name: 'search' }
  | { readonly name: 'service'; readonly serviceId: string }
  | { readonly name: 'priority'; readonly serviceId: string }
  | { readonly name: 'card'; readonly serviceId: string }
  | { readonly name: 'printing'; readonly serviceId: string }
  | { readonly name: 'ticket'; readonly ticket: KioskTicket }
  | {
      readonly name: 'issue-failed';
      readonly failure: IssueFailure;
      readonly request: Omit<KioskIssue, 'language'>;
    };

export type ScreenName = Screen['name'];

export const ATTRACT: Screen = { name: 'attract' };
