import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { fitWithin } from './photos';
import { sha256Hex, sha256Pure } from './sha256';

describe('sha256', () => {
  it('the fallback agrees with the platform for every padding case', async () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff);
      const expected = createHash('sha256').update(bytes).digest('hex');
      expect(sha256Pure(bytes)).toBe(expected);
      expect(await sha256Hex(bytes.buffer)).toBe(expected);
    }
  });
});

describe('fitWithin', () => {
  it('shrinks the longer side to 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
