import {
  abnChecksum,
  australianBusinessNumber,
  belgianEnterpriseNumber,
  codiceFiscale,
  codiceIpa,
  danishCvrFormat,
  gln,
  greekTin,
  ibanValid,
  mod11,
  norwegianOrgNumber,
  partitaIvaRemainder,
  partitaIvaWithCountry,
  swedishOrgNumber,
  swedishOrgNumberLuhn,
} from './identifiers.util';

describe('identifier checks', () => {
  it('GLN / EAN (GS1 mod 10)', () => {
    for (const v of ['5901234123457', '4006381333931', '7350053850019', '0']) expect(gln(v)).toBe(true);
    for (const v of ['5901234123458', '4006381333932', '7350053850010']) expect(gln(v)).toBe(false);
  });

  it('Norwegian organisation number (mod 11)', () => {
    for (const v of ['923609016', '974760673', '982463718']) expect(norwegianOrgNumber(v)).toBe(true);
    for (const v of ['923609017', '000000000', '92360901', '9236090160', '92360901A']) expect(norwegianOrgNumber(v)).toBe(false);
    // A remainder that would need check digit 10 can never be valid.
    expect(mod11('123456780')).toBe(false);
  });

  it('Belgian enterprise number (mod 97)', () => {
    for (const v of ['0202239951', '0403170701']) expect(belgianEnterpriseNumber(v)).toBe(true);
    for (const v of ['0202239952', '202239951', 'BE0202239951']) expect(belgianEnterpriseNumber(v)).toBe(false);
  });

  it('Danish CVR format', () => {
    for (const v of ['12345678', 'DK12345678']) expect(danishCvrFormat(v)).toBe(true);
    for (const v of ['1234567', 'DK1234567X', 'SE12345678', ' 12345678', '123456789']) expect(danishCvrFormat(v)).toBe(false);
  });

  it('Swedish organisation number (Luhn)', () => {
    for (const v of ['2021005489', '5560360793', '5565475489']) expect(swedishOrgNumber(v)).toBe(true);
    for (const v of ['2021005488', '202100548', '20210054890', '202100548X']) expect(swedishOrgNumber(v)).toBe(false);
    // The check digit test alone ignores what follows the tenth digit, as the official function.
    expect(swedishOrgNumberLuhn('20210054891')).toBe(true);
    expect(swedishOrgNumberLuhn('202100548')).toBe(false);
  });

  it('Australian Business Number', () => {
    for (const v of ['51824753556', '53004085616']) expect(australianBusinessNumber(v)).toBe(true);
    for (const v of ['51824753557', '5182475355', '518247535560']) expect(australianBusinessNumber(v)).toBe(false);
    expect(abnChecksum('518247535561')).toBe(true);
    expect(abnChecksum('5182475355')).toBe(false);
  });

  it('Italian identifiers', () => {
    expect(codiceIpa('UFY9MH')).toBe(true);
    expect(codiceIpa('UFY9M')).toBe(false);
    expect(codiceIpa('UFY-MH')).toBe(false);
    expect(codiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(codiceFiscale('12345678901')).toBe(true);
    expect(codiceFiscale('RSSMRA85T10A56')).toBe(false);
    expect(codiceFiscale('RSSMR185T10A562S')).toBe(false);
    expect(codiceFiscale('1234567890A')).toBe(false);
    expect(partitaIvaRemainder('00743110157')).toBe(0);
    expect(partitaIvaWithCountry('IT00743110157')).toBe(true);
    expect(partitaIvaWithCountry('it00743110157')).toBe(true);
    expect(partitaIvaWithCountry('IT00743110158')).toBe(false);
    expect(partitaIvaWithCountry('IT0074311015')).toBe(false);
    expect(partitaIvaWithCountry('IT+0743110157')).toBe(false);
    // Without the IT prefix the official check accepts any value.
    expect(partitaIvaWithCountry('00743110158')).toBe(true);
  });

  it('Greek TIN', () => {
    for (const v of ['090000045', '094014201']) expect(greekTin(v)).toBe(true);
    for (const v of ['090000046', '09000004', ' 90000045', 'A90000045']) expect(greekTin(v)).toBe(false);
  });

  it('IBAN (mod 97 with exact integers)', () => {
    for (const v of [
      'GB82WEST12345698765432',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
      'NO9386011117947',
      // 30+ characters: far beyond the 15-16 digits a double holds exactly.
      'MT84MALT011000012345MTLCAST001S',
      'LC55HEMM000100010012001200023015',
    ]) {
      expect(ibanValid(v)).toBe(true);
    }
    for (const v of [
      'GB82WEST12345698765433',
      'DE89370400440532013001',
      'MT84MALT011000012345MTLCAST001T',
      'LC55HEMM000100010012001200023016',
      'gb82WEST12345698765432',
      'GB8',
      '',
    ]) {
      expect(ibanValid(v)).toBe(false);
    }
  });
});
