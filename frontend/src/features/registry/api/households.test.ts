import { describe, expect, it } from 'vitest';

import { searchQuery } from './households';

describe('household search query', () => {
  it('a name is searched by its start, with or without a habitual *', () => {
    expect(searchQuery({ name: '吴*' }, null)).toMatchObject({ name: '吴', name_match: 'prefix' });
    expect(searchQuery({ name: ' 吴建 ' }, null)).toMatchObject({
      name: '吴建',
      name_match: 'prefix',
    });
    expect(searchQuery({ name: '*' }, null)).not.toHaveProperty('name');
  });

  it('leaves out empty filters and passes the cursor', () => {
    expect(searchQuery({ name: '', village: ' ', category: 'low_income' }, 'abc')).toEqual({
      category: 'low_income',
      cursor: 'abc',
      limit: 20,
    });
  });
});
