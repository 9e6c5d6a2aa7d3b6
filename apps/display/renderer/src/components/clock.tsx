import { useEffect, useState } from 'react';

/** The center's local time, HH:MM, refreshed on the minute. */
export function Clock({ timeZone }: { timeZone: string | undefined }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = new Intl.DateTimeFormat('az', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(now);
  return (
    <time className="clock" dateTime={now.toISOString()}>
      {text}
    </time>
  );
}
