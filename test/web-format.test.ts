import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatDays,
  formatFlag,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatVnd,
  formatVnDate,
  formatVnDateTime,
} from '../src/web/format.ts';
import { pageWindow } from '../src/web/pages/pagination.tsx';

describe('format', () => {
  test('money in VND: dots group thousands, a space, then ₫', () => {
    assert.equal(formatVnd(219_994_920), '219.994.920 ₫');
    assert.equal(formatVnd(0), '0 ₫');
    assert.equal(formatVnd(999), '999 ₫');
    assert.equal(formatVnd(1000), '1.000 ₫');
    assert.equal(formatVnd(894_300_000_000), '894.300.000.000 ₫');
    assert.equal(formatVnd(1234.6), '1.235 ₫');
    assert.equal(formatVnd(-5_000_000), '-5.000.000 ₫');
    assert.equal(formatVnd(null), '');
    assert.equal(formatVnd(undefined), '');
    assert.equal(formatVnd(Number.NaN), '');
  });

  test('numbers and percentages use a decimal comma', () => {
    assert.equal(formatNumber(1234.5), '1.234,5');
    assert.equal(formatNumber(2.25), '2,25');
    assert.equal(formatNumber(6), '6');
    assert.equal(formatNumber(0.125, 3), '0,125');
    assert.equal(formatPercent(2.5), '2,5%');
    assert.equal(formatPercent(4), '4%');
    assert.equal(formatPercent(null), '');
  });

  test('times are shown in Vietnam time (UTC+7), date and time', () => {
    const instant = new Date('2026-03-24T08:00:00Z');
    assert.equal(formatVnDateTime(instant), '24/03/2026 15:00');
    assert.equal(formatVnDate(instant), '24/03/2026');
    // 20:30 UTC is already the next day in Hà Nội.
    assert.equal(formatVnDateTime(new Date('2026-12-31T20:30:00Z')), '01/01/2027 03:30');
    assert.equal(formatVnDate(new Date('2026-12-31T17:00:00Z')), '01/01/2027');
    assert.equal(formatVnDateTime(null), '');
    assert.equal(formatVnDateTime(new Date('invalid')), '');
  });

  test('periods, days and flags', () => {
    assert.equal(formatPeriod(90, 'D'), '90 ngày');
    assert.equal(formatPeriod(6, 'M'), '6 tháng');
    assert.equal(formatPeriod(1, 'y'), '1 năm');
    assert.equal(formatPeriod(3, 'W'), '3 W');
    assert.equal(formatPeriod(12, null), '12');
    assert.equal(formatPeriod(null, 'D'), '');
    assert.equal(formatDays(1200), '1.200 ngày');
    assert.equal(formatFlag(true, 'Có', 'Không'), 'Có');
    assert.equal(formatFlag(false, 'Có', 'Không'), 'Không');
    assert.equal(formatFlag(null, 'Có', 'Không'), '');
  });

  test('page links show the ends and a window around the current page', () => {
    assert.deepEqual(pageWindow(1, 1), [1]);
    assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
    assert.deepEqual(pageWindow(6, 20), [1, null, 4, 5, 6, 7, 8, null, 20]);
    assert.deepEqual(pageWindow(1, 20), [1, 2, 3, null, 20]);
  });
});
