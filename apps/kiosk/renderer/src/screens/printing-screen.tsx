import { useEffect, useState } from 'react';
import { Icon } from '@novbe/ui';
import { NavBar } from '../components/nav-bar';
import { useMessages } from '../store/store-context';

/** After this long without an answer, "start over" appears: no screen may trap the citizen. */
export const PRINTING_ESCAPE_MS = 10_000;

/** While the agent commits and prints the ticket (usually a fraction of a second). */
export function PrintingScreen() {
  const m = useMessages();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), PRINTING_ESCAPE_MS);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className="screen screen-printing" data-screen="printing">
      <main className="printing">
        <div className="printer-illustration" aria-hidden="true">
          <Icon name="printer" />
          <span className="paper" />
        </div>
        <h1 className="screen-title">{m.printing.title}</h1>
        <p className="lead">{m.printing.wait}</p>
      </main>
      {slow && <NavBar back={false} />}
    </div>
  );
}
