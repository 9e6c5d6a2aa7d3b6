import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

/** The result of a step, in a box the eye finds first: good news, a warning, or a refusal. */
export function Outcome({
  tone,
  icon,
  title,
  children,
  testId,
}: {
  tone: 'good' | 'warn' | 'bad';
  icon: IconName;
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`outcome outcome-${tone}`} role="status" data-testid={testId}>
      <Icon name={icon} />
      <div className="outcome-text">
        <p className="outcome-title">{title}</p>
        {children}
      </div>
    </div>
  );
}
