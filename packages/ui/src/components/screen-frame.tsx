import type { ReactNode } from 'react';

export interface ScreenFrameProps {
  /** The screen's name: its class `screen-<name>` and `data-screen` (tests find screens by it). */
  screen: string;
  title: string;
  subtitle?: string;
  /** Actions pinned below the content, within reach, whatever the content's length. */
  actions?: ReactNode;
  /** Below everything: the kiosk's nav bar. */
  footer?: ReactNode;
  children?: ReactNode;
}

/** A full-screen frame: title, scrolling content, actions, footer. */
export function ScreenFrame({ screen, title, subtitle, actions, footer, children }: ScreenFrameProps) {
  return (
    <div className={`screen screen-${screen}`} data-screen={screen}>
      <header className="screen-header">
        <h1 className="screen-title">{title}</h1>
        {subtitle && <p className="screen-subtitle">{subtitle}</p>}
      </header>
      <main className="screen-body">{children}</main>
      {actions && <div className="screen-actions">{actions}</div>}
      {footer}
    </div>
  );
}
