/** What the heartbeat says about the boards and keypads of this PC, besides the link. */
export interface HealthSnapshot {
  readonly link: 'connecting' | 'live' | 'offline';
  /** Board unit → counter id, as configured. */
  readonly units: ReadonlyMap<number, string>;
  readonly boardsOffline: readonly number[];
  readonly keypads: readonly { counterId: string; attached: boolean }[];
  /** Counters with keypads but no counter-board token on this PC. */
  readonly countersWithoutToken: readonly string[];
}

const MAX_DETAIL = 500;

/**
 * Remembers what came back since the last heartbeat (a board that answers again, a keypad
 * plugged in again), so the next heartbeat reports it as recovered even when nothing is wrong
 * any more by then; and writes the heartbeat's plain-text `detail`.
 */
export class DeviceHealth {
  readonly #boardsDown = new Set<number>();
  readonly #keypadsDown = new Set<string>();
  #recovered: string[] = [];

  boardOffline(unit: number): void {
    this.#boardsDown.add(unit);
  }

  boardOnline(unit: number, counterId: string | undefined): void {
    if (this.#boardsDown.delete(unit))
      this.#recovered.push(`board ${unit}${counterId ? ` (${counterId})` : ''}`);
  }

  keypadDetached(path: string): void {
    this.#keypadsDown.add(path);
  }

  keypadAttached(path: string, counterId: string | null): void {
    if (this.#keypadsDown.delete(path)) this.#recovered.push(`keypad ${counterId ?? 'unbound'} (${path})`);
  }

  /** The heartbeat's detail: plain text, at most 500 characters. */
  detail(h: HealthSnapshot): string {
    const counter = (unit: number) => `${unit} (${h.units.get(unit) ?? '?'})`;
    const detached = h.keypads.filter((k) => !k.attached).map((k) => k.counterId);
    const parts = [
      `link ${h.link}`,
      `boards ${h.units.size - h.boardsOffline.length}/${h.units.size} answering`,
      ...(h.boardsOffline.length ? [`boards offline: ${h.boardsOffline.map(counter).join(', ')}`] : []),
      `keypads ${h.keypads.length - detached.length}/${h.keypads.length} attached`,
      ...(detached.length ? [`keypads detached: ${detached.join(', ')}`] : []),
      ...(h.countersWithoutToken.length
        ? [`no counter-board token: ${h.countersWithoutToken.join(', ')}`]
        : []),
      ...(this.#recovered.length ? [`recovered: ${this.#recovered.join(', ')}`] : []),
    ];
    const text = parts.join('; ');
    return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
  }

  /** The heartbeat that carried `detail` reached the server: recoveries were told. */
  told(detail: string): void {
    this.#recovered = this.#recovered.filter((r) => !detail.includes(r));
  }
}
