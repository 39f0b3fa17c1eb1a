import { afterEach, describe, expect, it } from 'vitest';

import {
  formatCount,
  formatDate,
  formatDateTime,
  formatFigure,
  formatMoney,
  formatNumber,
  formatPercent,
  formatList,
  formatPeriod,
  formatPeriodToDate,
  formatRate,
  formatTime,
  roundHalfUp,
} from './format';
import i18n from './i18n';

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('numbers as people read them', () => {
  it('rounds half up on the decimal text, away from zero, never through a float', () => {
    expect(roundHalfUp('84.455', 2)).toBe('84.46'); // a float would say 84.45
    expect(roundHalfUp('1.005', 2)).toBe('1.01');
    expect(roundHalfUp('-2.345', 2)).toBe('-2.35');
    expect(roundHalfUp('-0.004', 2)).toBe('0.00');
    expect(roundHalfUp('9.995', 2)).toBe('10.00');
    expect(roundHalfUp('12', 2)).toBe('12.00');
    expect(roundHalfUp('0.5', 0)).toBe('1');
    expect(roundHalfUp(2.675, 2)).toBe('2.68');
  });

  it('groups thousands', () => {
    expect(formatNumber('1234567.891', 2)).toBe('1,234,567.89');
    expect(formatCount('34700')).toBe('34,700');
    expect(formatCount(999)).toBe('999');
    expect(formatNumber('-12345.5', 0)).toBe('-12,346');
    expect(formatNumber(null)).toBe('—');
  });

  it('money has two decimals and 元, "yuan" in English (never ¥)', async () => {
    expect(formatMoney('9113.06')).toBe('9,113.06 元');
    expect(formatMoney('34700')).toBe('34,700.00 元');
    expect(formatMoney(undefined)).toBe('—');
    await i18n.changeLanguage('en');
    expect(formatMoney('9113.06')).toBe('9,113.06 yuan');
  });

  it('shares and growth as % with two decimals; fractions times 100', () => {
    expect(formatPercent('26.2649')).toBe('26.26%');
    expect(formatPercent('84.455')).toBe('84.46%');
    expect(formatPercent('-3.1')).toBe('-3.10%');
    expect(formatRate('0.8446')).toBe('84.46%');
    expect(formatRate('1')).toBe('100.00%');
    expect(formatRate('0.00005')).toBe('0.01%');
    expect(formatRate(null)).toBe('—');
  });

  it('a figure in its unit', () => {
    expect(formatFigure('38517', 'yuan')).toBe('38,517.00 元');
    expect(formatFigure('11', 'percent')).toBe('11.00%');
    expect(formatFigure('1200', 'count')).toBe('1,200');
    expect(formatFigure('1.8', 'ratio')).toBe('1.80');
  });
});

describe('dates and periods', () => {
  it('one date format and one time format, on the county clock', () => {
    expect(formatDate('2026-12-03')).toBe('2026-12-03');
    expect(formatDate('2026-12-02T17:30:00Z')).toBe('2026-12-03'); // 01:30 in the county
    expect(formatDateTime('2026-12-03T06:05:00Z')).toBe('2026-12-03 14:05');
    expect(formatDateTime('2026-12-03T14:05:09+08:00')).toBe('2026-12-03 14:05');
    expect(formatTime('2026-12-03T06:05:00Z')).toBe('14:05');
    expect(formatDate(null)).toBe('—');
  });

  it('names periods in the user’s language', async () => {
    expect(formatPeriod('2026Q3')).toBe('2026年第3季度');
    expect(formatPeriod('2026-07')).toBe('2026年7月');
    expect(formatPeriod('2026')).toBe('2026年');
    await i18n.changeLanguage('en');
    expect(formatPeriod('2026Q3')).toBe('2026 Q3');
    expect(formatPeriod('2026-07')).toBe('2026-07');
    expect(formatPeriod('2026')).toBe('2026');
  });

  it("lists words with the language's separator", async () => {
    expect(formatList(['住房', '饮水'])).toBe('住房、饮水');
    await i18n.changeLanguage('en');
    expect(formatList(['Housing', null, 'Water'])).toBe('Housing, Water');
  });

  it("names a figure's period year to date, a Q4 as the full year", async () => {
    expect(formatPeriodToDate('2026Q3')).toBe('2026年1–9月（2026Q3）');
    expect(formatPeriodToDate('2026Q4')).toBe('2026年全年');
    expect(formatPeriodToDate('2025')).toBe('2025年全年');
    await i18n.changeLanguage('en');
    expect(formatPeriodToDate('2026Q1')).toBe('2026Q1 (months 1–3 of 2026)');
    expect(formatPeriodToDate('2026')).toBe('Full year 2026');
  });
});
