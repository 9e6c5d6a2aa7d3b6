import { describe, expect, it } from 'vitest';

import { measureKeypadLatency } from './keypad-bench';

// How fast is for `npm run bench:hardware` (keypad_ms); here, that every press is timed once.
describe('measureKeypadLatency', () => {
  it('times every counted press from its report to its command, warm-up presses left out', async () => {
    const samples = await measureKeypadLatency({ presses: 200, warmup: 10 });
    expect(samples).toHaveLength(200);
    for (const ms of samples) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
  });
});
