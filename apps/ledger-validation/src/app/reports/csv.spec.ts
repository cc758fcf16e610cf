import { amountUnits, csvLine, formatAmount, formatNumeric, numberCell, textCell } from './csv';

describe('CSV cells', () => {
  it('quotes per RFC 4180: commas, quotes, line breaks; CRLF line ends', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ''])).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "\"'\rCR\""],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['Õun OÜ', 'Õun OÜ'],
  ])('neutralises formula starts: %j → %j', (input, output) => {
    expect(textCell(input)).toBe(output);
  });

  it('keeps numbers it formatted itself as numbers (a negative amount is not a formula)', () => {
    expect(numberCell(formatAmount(amountUnits('-120.5000')))).toBe('-120.50');
    expect(formatAmount(amountUnits('0.1234'))).toBe('0.1234');
    expect(formatAmount(amountUnits('-0.5'))).toBe('-0.50');
    expect(() => numberCell('=1')).toThrow();
    expect([formatNumeric('100.0000'), formatNumeric('-0.5000'), formatNumeric('1.2345'), formatNumeric('7')]).toEqual(['100.00', '-0.50', '1.2345', '7.00']);
  });
});
