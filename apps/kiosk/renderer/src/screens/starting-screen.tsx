/** The first moments, before the agent has answered: calm, no text to misread. */
export function StartingScreen() {
  return (
    <div className="screen screen-starting" data-screen="starting" aria-busy="true">
      <span className="attract-brand">Növbə</span>
    </div>
  );
}
