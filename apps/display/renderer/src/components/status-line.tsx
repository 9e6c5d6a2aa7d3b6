import type { DisplayMessages } from '@novbe/i18n';
import type { LinkStatus } from '../state/display-store';

/** Shown only when the screen is not live: its state may be old. */
export function LinkBadge({ link, text }: { link: LinkStatus; text: DisplayMessages }) {
  if (link === 'live') return null;
  return (
    <div className={`link-badge link-${link}`} role="status" data-testid="link-badge">
      {link === 'offline' ? text.offline : text.connecting}
    </div>
  );
}
