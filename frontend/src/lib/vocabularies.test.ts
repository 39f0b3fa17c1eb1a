import { describe, expect, it } from 'vitest';

import { labelsOf, vocabulariesQuery, type Vocabulary } from './vocabularies';

const served: Vocabulary[] = [
  {
    name: 'relation',
    title_zh: '与户主关系',
    title_en: 'relation to the head',
    values: [
      { code: 'head', zh: '户主', en: 'Head', synonyms: [] },
      { code: 'grandchild', zh: '孙辈', en: 'Grandchild', synonyms: ['孙子女'] },
    ],
  },
  {
    name: 'health',
    title_zh: '健康状况',
    title_en: 'health',
    values: [
      { code: 'chronic_illness', zh: '慢性病', en: 'Chronic illness', synonyms: ['长期慢性病'] },
    ],
  },
];

describe('vocabularies', () => {
  it('labels a code as the server says, in the chosen language', () => {
    expect(labelsOf(served, 'zh-CN').label('relation', 'grandchild')).toBe('孙辈');
    expect(labelsOf(served, 'zh-CN').label('health', 'chronic_illness')).toBe('慢性病');
    expect(labelsOf(served, 'en').label('relation', 'grandchild')).toBe('Grandchild');
  });

  it('offers every value in the served order, or the codes asked for', () => {
    expect(labelsOf(served, 'zh-CN').options('relation')).toEqual([
      { value: 'head', label: '户主' },
      { value: 'grandchild', label: '孙辈' },
    ]);
    expect(labelsOf(served, 'en').options('relation', ['grandchild'] as const)).toEqual([
      { value: 'grandchild', label: 'Grandchild' },
    ]);
  });

  it('shows the code until the vocabularies have loaded', () => {
    expect(labelsOf(undefined, 'zh-CN').label('relation', 'grandchild')).toBe('grandchild');
    expect(labelsOf(served, 'zh-CN').label('employment', 'farming')).toBe('farming');
  });

  it('is kept on the phone like the cadre’s other reads', () => {
    expect(vocabulariesQuery().meta).toEqual({ offline: true });
    expect(vocabulariesQuery().queryKey).toEqual(['vocabularies']);
  });
});
