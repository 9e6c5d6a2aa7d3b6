import type { ReactNode } from 'react';
import type { ScreenName } from '../store/screens';
import { NavBar } from './nav-bar';

export interface ScreenFrameProps {
  screen: ScreenName;
  title: string;
  subtitle?: string;
  /** Whether the nav bar offers "back" (the ticket screen offers only "start over"). */
  back?: boolean;
  /** Actions pinned above the nav bar, within reach, whatever the content's length. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The frame of every screen after the attract screen: title, scrolling content, actions, nav bar. */
export function ScreenFrame({ screen, title, subtitle, back, actions, children }: ScreenFrameProps) {
  return (
    <div className={`screen screen-${screen}`} data-screen={screen}>
      <header className="screen-header">
        <h1 className="screen-title">{title}</h1>
        {subtitle && <p className="screen-subtitle">{subtitle}</p>}
      </header>
      <main className="screen-body">{children}</main>
      {actions && <div className="screen-actions">{actions}</div>}
      <NavBar back={back} />
    </div>
  );
}
