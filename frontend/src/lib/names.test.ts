import { describe, expect, it } from 'vitest';

import { areaNamesOf, type AreaRow } from './names';

const area = (code: string, name: string) => ({ code, name }) as AreaRow;

describe('area names', () => {
  const names = areaNamesOf([area('331126101', '黄田镇'), area('331126101201', '黄田村')]);

  it('a village with its township, a township by its name', () => {
    expect(names.place('331126101201')).toBe('黄田村（黄田镇）');
    expect(names.place('331126101')).toBe('黄田镇');
  });

  it('a code whose name is not (yet) known stays as it is; nothing for no code', () => {
    expect(names.place('331126201201')).toBe('331126201201');
    expect(names.name(null)).toBe('');
  });
});
