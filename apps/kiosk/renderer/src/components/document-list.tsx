import { Icon } from '@novbe/ui';

/** What to bring, one line each. */
export function DocumentList({ title, documents }: { title: string; documents: readonly string[] }) {
  return (
    <section className="documents" data-testid="documents">
      <h2 className="group-title">{title}</h2>
      <ul className="document-list">
        {documents.map((d) => (
          <li key={d} className="document">
            <Icon name="document" />
            <span>{d}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
