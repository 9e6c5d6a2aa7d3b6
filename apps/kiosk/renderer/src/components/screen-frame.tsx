import type { ReactNode } from 'react';
import { ScreenFrame as Frame } from '@novbe/ui';
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
export function ScreenFrame({ back, ...frame }: ScreenFrameProps) {
  return <Frame {...frame} footer={<NavBar back={back} />} />;
}
