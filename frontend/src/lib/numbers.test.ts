import { describe, expect, it } from 'vitest';

import { grouped, shareText } from './numbers';

describe('numbers', () => {
  it('groups thousands and fixes decimals', () => {
    expect(grouped('38517')).toBe('38,517');
    expect(grouped('42753.8', 2)).toBe('42,753.80');
    expect(grouped(null)).toBe('—');
  });
  it('shows a fraction as a percentage to 0.01', () => {
    expect(shareText('0.8333')).toBe('83.33%');
    expect(shareText('1')).toBe('100.00%');
    expect(shareText(null)).toBe('—');
  });
});
