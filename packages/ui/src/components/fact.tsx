import { Icon, type IconName } from './icon';

/** One number the citizen needs before taking a ticket: a label and a large value. */
export function Fact({
  icon,
  label,
  value,
  muted,
  testId,
}: {
  icon: IconName;
  label: string;
  value: string;
  muted?: boolean;
  testId?: string;
}) {
  return (
    <div className={`fact${muted ? ' is-muted' : ''}`} data-testid={testId}>
      <Icon name={icon} />
      <span className="fact-label">{label}</span>
      <span className="fact-value">{value}</span>
    </div>
  );
}
