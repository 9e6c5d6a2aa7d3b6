import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export interface TouchButtonProps {
  /** `primary`: the one action the screen is for; `secondary`: another way on; `quiet`: navigation. */
  kind?: 'primary' | 'secondary' | 'quiet';
  icon?: IconName;
  onPress: () => void;
  testId?: string;
  pressed?: boolean;
  label?: string;
  className?: string;
  children: ReactNode;
}

/** A large touch target (every button is at least 96 CSS px high: see README for the mm). */
export function TouchButton({
  kind = 'secondary',
  icon,
  onPress,
  testId,
  pressed,
  label,
  className,
  children,
}: TouchButtonProps) {
  return (
    <button
      type="button"
      className={`touch touch-${kind}${className ? ` ${className}` : ''}`}
      onClick={onPress}
      data-testid={testId}
      aria-pressed={pressed}
      aria-label={label}
    >
      {icon && <Icon name={icon} />}
      <span className="touch-label">{children}</span>
    </button>
  );
}
