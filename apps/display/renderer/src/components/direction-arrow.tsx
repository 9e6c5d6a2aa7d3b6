import type { Direction } from '@novbe/core';

const ROTATION: Readonly<Record<Direction, number>> = {
  right: 0,
  behind: 90,
  downstairs: 90,
  left: 180,
  ahead: 270,
  upstairs: 270,
};

/** An arrow pointing the way to a counter, as seen from the screen. */
export function DirectionArrow({ direction }: { direction: Direction }) {
  return (
    <svg className="arrow" viewBox="0 0 100 100" aria-hidden="true">
      <path
        d="M10 40 H58 V18 L92 50 L58 82 V60 H10 Z"
        transform={`rotate(${ROTATION[direction]} 50 50)`}
        fill="currentColor"
      />
    </svg>
  );
}
