/** The center's running text along the bottom of a hall screen. */
export function Ticker({ text }: { text: string | undefined }) {
  if (!text) return <div className="ticker" />;
  // Twice, so the loop has no gap; the second copy is hidden from screen readers.
  return (
    <div className="ticker">
      <div className="ticker-track">
        <span>{text}</span>
        <span aria-hidden="true">{text}</span>
      </div>
    </div>
  );
}
