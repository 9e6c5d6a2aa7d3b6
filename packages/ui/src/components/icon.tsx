/** Line icons drawn inline (no icon font, no network): each is a 24×24 path set. */
const PATHS = {
  back: 'M15 5 8 12l7 7',
  home: 'M4 11 12 4l8 7M6 10v9h4v-5h4v5h4v-9',
  search: 'M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13ZM15.5 15.5 20 20',
  contrast: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18ZM12 3v18',
  text: 'M4 18 8.5 6 13 18M5.7 14h5.6M15 18l3-8 3 8M15.9 15.6h4.2',
  card: 'M3 6h18v12H3zM6 10h5M6 13.5h8M16 10h2',
  printer: 'M7 9V4h10v5M5 9h14v7h-2v4H7v-4H5zM9 14h6v4H9z',
  check: 'M5 12.5 10 17l9-10',
  alert: 'M12 4 21 19H3zM12 10v4M12 16.5v.5',
  clock: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18ZM12 7v5l3 2',
  people:
    'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3 19c0-3 3-5 6-5s6 2 6 5M16 5.5a3 3 0 0 1 0 5.5M18 14c2 .5 3 2.5 3 5',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6',
  star: 'M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.8z',
  erase: 'M9 6h11v12H9l-6-6zM12 9.5l5 5M17 9.5l-5 5',
  chevron: 'M9 5l7 7-7 7',
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon: the text beside it carries the meaning. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
