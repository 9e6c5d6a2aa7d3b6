import { useKiosk, useMessages } from '../store/store-context';
import { DisplayToggles } from './display-toggles';
import { Icon } from '@novbe/ui';
import { LanguageSwitch } from './language-switch';

/**
 * The bar at the bottom of every screen after the attract screen: back, start over, language,
 * display modes. At the bottom because a citizen in a wheelchair reaches it there.
 */
export function NavBar({ back = true }: { back?: boolean }) {
  const m = useMessages();
  const goBack = useKiosk((s) => s.back);
  const home = useKiosk((s) => s.home);
  return (
    <nav className="nav-bar">
      <div className="nav-moves">
        {back && (
          <button type="button" className="nav-button" data-testid="back" onClick={goBack}>
            <Icon name="back" />
            <span>{m.nav.back}</span>
          </button>
        )}
        <button type="button" className="nav-button" data-testid="home" onClick={home}>
          <Icon name="home" />
          <span>{m.nav.home}</span>
        </button>
      </div>
      <LanguageSwitch />
      <DisplayToggles />
    </nav>
  );
}
