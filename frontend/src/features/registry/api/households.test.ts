import { describe, expect, it } from 'vitest';

import { searchQuery } from './households';

describe('household search query', () => {
  it('a trailing * asks for a prefix, else the name is exact', () => {
    expect(searchQuery({ name: '吴*' }, null)).toMatchObject({ name: '吴', name_match: 'prefix' });
    expect(searchQuery({ name: ' 吴建国 ' }, null)).toMatchObject({
      name: '吴建国',
      name_match: 'exact',
    });
  });

  it('leaves out empty filters and passes the cursor', () => {
    expect(searchQuery({ name: '', village: ' ', category: 'low_income' }, 'abc')).toEqual({
      category: 'low_income',
      cursor: 'abc',
      limit: 20,
    });
  });
});
