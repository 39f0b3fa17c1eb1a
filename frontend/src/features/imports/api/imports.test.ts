import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/api';

import { refusedReport, rowsToShow, type ImportReport } from './imports';

const report: ImportReport = {
  kind: 'households',
  dry_run: false,
  applied: false,
  totals: { rows: 3, create: 2, update: 0, unchanged: 0, error: 1, records: 0 },
  rows: [
    { row: 2, key: 'a', action: 'create' },
    { row: 3, key: 'b', action: 'create' },
    {
      row: 4,
      key: 'c',
      action: 'error',
      errors: [{ row: 4, field: '身份证号', message: '校验位错误' }],
    },
  ],
};

describe('imports', () => {
  it('rows with errors come first, then file order', () => {
    expect(rowsToShow(report).map((r) => r.row)).toEqual([4, 2, 3]);
  });

  it('a refused commit (422) carries its report', () => {
    const refused = new ApiError({ type: 'about:blank', title: '导入未执行', status: 422, report });
    expect(refusedReport(refused)).toBe(report);
    expect(
      refusedReport(new ApiError({ type: 'about:blank', title: 'x', status: 422 })),
    ).toBeNull();
    expect(refusedReport(new Error('x'))).toBeNull();
  });
});
