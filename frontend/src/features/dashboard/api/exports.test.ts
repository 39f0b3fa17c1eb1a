import { describe, expect, it } from 'vitest';

import { exportFilename, exportUrl, filenameFromDisposition } from './exports';

describe('dashboard exports', () => {
  it('builds the export URL with only the given query', () => {
    expect(
      exportUrl({ kind: 'rankings', area: '331126', period: '2026Q3', set: 'kh' }, 'xlsx'),
    ).toBe('/api/v1/exports/rankings.xlsx?area=331126&period=2026Q3&set=kh');
    expect(
      exportUrl({ kind: 'progress', table: 'low_income', area: '331126101', year: 2026 }, 'csv'),
    ).toBe('/api/v1/exports/progress.csv?table=low_income&area=331126101&year=2026');
    // A quarter named, or none: the server then shows the latest quarter with income records.
    expect(
      exportUrl(
        { kind: 'progress', table: 'farmer_income', area: '331126', period: '2026Q3' },
        'xlsx',
      ),
    ).toBe('/api/v1/exports/progress.xlsx?table=farmer_income&area=331126&period=2026Q3');
    expect(exportUrl({ kind: 'rankings', area: '331126' }, 'csv')).toBe(
      '/api/v1/exports/rankings.csv?area=331126',
    );
  });

  it('names files as the server does when it names none', () => {
    expect(
      exportFilename(
        { kind: 'indicator-values', indicator: 'I14_six_ones', area: '331126', period: '2026Q4' },
        'csv',
      ),
    ).toBe('指标_I14_six_ones_331126_2026Q4.csv');
    expect(
      exportFilename(
        { kind: 'progress', table: 'farmer_income', area: '331126', year: 2026 },
        'xlsx',
      ),
    ).toBe('进度表_farmer_income_331126_2026.xlsx');
    expect(
      exportFilename(
        { kind: 'rankings', area: '331126', period: '2026Q3', indicator: 'I01_rural_income' },
        'xlsx',
      ),
    ).toBe('排名_331126_2026Q3.xlsx');
  });

  it("reads the server's UTF-8 file name before its plain one", () => {
    const header = `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('排名_331126_2026Q3.xlsx')}`;
    expect(filenameFromDisposition(header)).toBe('排名_331126_2026Q3.xlsx');
    expect(filenameFromDisposition('attachment; filename="export.csv"')).toBe('export.csv');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
