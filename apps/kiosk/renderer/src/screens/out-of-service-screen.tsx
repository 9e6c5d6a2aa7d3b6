import { kioskMessages, type KioskOutOfServiceReason } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { Icon } from '@novbe/ui';

const LANGUAGES: readonly Language[] = ['az', 'ru', 'en'];

/**
 * No ticket can be given now. Said in all three languages at once (nobody chose one yet), with
 * the reason in words and its code small for the technician. It leaves by itself when the agent
 * reports the kiosk back in service.
 */
export function OutOfServiceScreen({ reason }: { reason: KioskOutOfServiceReason }) {
  return (
    <div className="screen screen-out-of-service" data-screen="out-of-service" data-reason={reason}>
      <Icon name="alert" className="oos-icon" />
      {LANGUAGES.map((l) => {
        const m = kioskMessages[l].outOfService;
        return (
          <section key={l} lang={l} className="oos-block">
            <h1 className="oos-title">{m.title}</h1>
            <p className="oos-reason">{m.reasons[reason]}</p>
            <p className="oos-body">{m.body}</p>
          </section>
        );
      })}
      <p className="oos-code">{reason}</p>
    </div>
  );
}
