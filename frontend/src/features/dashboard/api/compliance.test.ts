import { describe, expect, it } from 'vitest';

import { percent } from './compliance';

describe('compliance', () => {
  it('rates become percentages to 0.01, none due stays null', () => {
    expect(percent('0.8333')).toBe(83.33);
    expect(percent('1.0000')).toBe(100);
    expect(percent(null)).toBeNull();
  });
});
