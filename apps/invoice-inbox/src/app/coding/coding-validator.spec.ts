import type { CodingMasterData, MasterRecordState } from './coding.model';
import { missingCoding, validateCoding } from './coding-validator';

const ok = (name: string): MasterRecordState => ({ name, active: true, deleted: false });
const master: CodingMasterData = {
  accounts: new Map([
    ['4000', ok('Goods')],
    ['4010', { name: 'Old services', active: false, deleted: false }],
    ['4020', { name: 'Removed', active: true, deleted: true }],
  ]),
  dimensions: new Map([
    ['DEPT/TLN', ok('Tallinn')],
    ['PROJECT/P1', ok('Project 1')],
    ['DEPT/OLD', { name: 'Closed office', active: false, deleted: false }],
  ]),
  contacts: new Map([['S1', ok('Supplier')]]),
};

describe('validateCoding', () => {
  it('accepts a coding whose every account, object and contact is active in the ERP', () => {
    const errors = validateCoding(
      {
        supplierContactId: 'S1',
        account: '4000',
        dimensions: [{ type: 'DEPT', code: 'TLN' }, { type: 'PROJECT', code: 'P1' }],
        lines: [{ lineId: '1', account: '4000', dimensions: [{ type: 'DEPT', code: 'TLN' }] }],
      },
      new Set(['1', '2']),
      master,
    );
    expect(errors).toEqual([]);
  });

  it('names every wrong field and the record it points at', () => {
    const errors = validateCoding(
      {
        supplierContactId: 'NOPE',
        account: '9999',
        dimensions: [{ type: 'DEPT', code: 'OLD' }, { type: 'DEPT', code: 'TLN' }],
        lines: [
          { lineId: '1', account: '4010' },
          { lineId: '7', account: '4020', dimensions: [{ type: 'X', code: 'Y' }] },
          { lineId: '1' },
        ],
      },
      new Set(['1', '2']),
      master,
    );
    expect(errors).toEqual([
      { field: 'supplierContactId', errors: ["contact NOPE is not in the ERP's contacts"] },
      { field: 'account', errors: ["account 9999 is not in the ERP's chart of accounts"] },
      { field: 'dimensions[0]', errors: ['object DEPT/OLD (Closed office) is inactive in the ERP'] },
      { field: 'dimensions[1]', errors: ['object type DEPT is given twice; a coding takes one object per type'] },
      { field: 'lines[0].account', errors: ['account 4010 (Old services) is inactive in the ERP'] },
      { field: 'lines[1].lineId', errors: ['line 7 is not a line of this document'] },
      { field: 'lines[1].account', errors: ['account 4020 (Removed) was deleted in the ERP'] },
      { field: 'lines[1].dimensions[0]', errors: ["object X/Y is not in the ERP's dimensions"] },
      { field: 'lines[2].lineId', errors: ['line 1 is coded twice'] },
    ]);
  });
});

describe('missingCoding', () => {
  it('needs an account on every line unless the header has one', () => {
    expect(missingCoding({ account: '4000' }, ['1', '2'])).toEqual([]);
    expect(missingCoding({ lines: [{ lineId: '1', account: '4000' }] }, ['1', '2'])).toEqual([
      { field: 'account', errors: ['lines 2 have no account and the document has no header account'] },
    ]);
    expect(missingCoding({}, [])).toEqual([{ field: 'account', errors: ['the document needs an account before approval'] }]);
  });
});
