import { useShallow } from 'zustand/react/shallow';
import { ScreenFrame } from '../components/screen-frame';
import { ServiceList } from '../components/service-list';
import { useKiosk, useMessages } from '../store/store-context';

/** One organisation's services. */
export function ServicesScreen({ agencyId }: { agencyId: string }) {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const agencyName = useKiosk((s) => s.catalog?.agencies.find((a) => a.id === agencyId)?.name[s.language]);
  const services = useKiosk(
    useShallow((s) => s.catalog?.services.filter((service) => service.agencyId === agencyId) ?? []),
  );
  const openService = useKiosk((s) => s.openService);
  return (
    <ScreenFrame screen="services" title={agencyName ?? m.services.title} subtitle={m.services.title}>
      <ServiceList services={services} language={language} onOpen={openService} />
    </ScreenFrame>
  );
}
