import { useCallback, useEffect, useRef, useState } from 'react';

export interface IdleOptions {
  /** `off`: no timeout here; `warn`: idle, then a countdown; `direct`: idle, then straight back. */
  readonly mode: 'off' | 'warn' | 'direct';
  readonly idleMs: number;
  readonly warnMs: number;
  /** A new screen restarts the clock. */
  readonly resetKey: unknown;
  readonly onTimeout: () => void;
}

/**
 * The kiosk's idle clock: no touch for `idleMs` and the session ends (after a `warnMs`
 * countdown in `warn` mode), so the next citizen never finds someone else's half-finished
 * choice. Any pointer or key event anywhere restarts it. Returns the countdown's seconds left
 * (null when not counting down) and a function that restarts the clock.
 */
export function useIdleTimeout({ mode, idleMs, warnMs, resetKey, onTimeout }: IdleOptions) {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const onTimeoutRef = useRef(onTimeout);
  onTimeoutRef.current = onTimeout;
  const timers = useRef<{ idle?: ReturnType<typeof setTimeout>; tick?: ReturnType<typeof setInterval> }>({});

  const stop = useCallback(() => {
    clearTimeout(timers.current.idle);
    clearInterval(timers.current.tick);
    timers.current = {};
  }, []);

  const restart = useCallback(() => {
    stop();
    setSecondsLeft(null);
    if (mode === 'off') return;
    timers.current.idle = setTimeout(() => {
      if (mode === 'direct') return onTimeoutRef.current();
      const deadline = Date.now() + warnMs;
      const tick = () => {
        const left = deadline - Date.now();
        if (left <= 0) {
          stop();
          setSecondsLeft(null);
          onTimeoutRef.current();
        } else setSecondsLeft(Math.ceil(left / 1000));
      };
      tick();
      timers.current.tick = setInterval(tick, 250);
    }, idleMs);
  }, [mode, idleMs, warnMs, stop]);

  useEffect(() => {
    restart();
    return stop;
  }, [restart, stop, resetKey]);

  const counting = secondsLeft !== null;
  useEffect(() => {
    // While "are you still there?" shows, its own touch handler continues the session: were the
    // dialog to vanish on pointerdown, the same touch would land on the button beneath it.
    if (counting) return;
    // Capture phase: the touch counts even when a button handles it and the screen changes.
    window.addEventListener('pointerdown', restart, true);
    window.addEventListener('keydown', restart, true);
    return () => {
      window.removeEventListener('pointerdown', restart, true);
      window.removeEventListener('keydown', restart, true);
    };
  }, [restart, counting]);

  return { secondsLeft, restart };
}
