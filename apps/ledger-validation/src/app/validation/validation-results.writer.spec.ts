import { plainToInstance } from 'class-transformer';
import { checkContract, LedgerEntryConfirmed, LedgerEntryFailureReason, LedgerEntryRejected } from '@hub/contracts';
import { event } from './validation-results.writer';

/** The writer builds its events without class-transformer: the outbox must get the same objects. */
describe('validation events built without plainToInstance', () => {
  const reasonFields = { row: 2, accountNumber: '6000', missingGroup: 'DEPT', ruleKind: 'address' as const, ruleNumber: 3, ruleSetVersion: 4, message: 'row 2 ...' };
  const noAddress = { row: 1, accountNumber: '7000', ruleKind: 'address' as const, ruleSetVersion: 4, message: 'row 1 ...' };

  it('gives what plainToInstance gives: the class, the fields, their JSON', () => {
    const confirmed = {
      companyId: 'company-a',
      entryId: '0b6f1f3e-8c1a-4c5e-9a37-5f0e2a4b7c11',
      number: 'KA-1',
      date: '2026-01-10',
      by: 'validation' as const,
      ruleSetVersion: 4,
      confirmedAt: '2026-01-11T00:00:00.000Z',
    };
    const built = event(LedgerEntryConfirmed, confirmed);
    const reference = plainToInstance(LedgerEntryConfirmed, confirmed);
    expect(built).toBeInstanceOf(LedgerEntryConfirmed);
    expect(JSON.stringify({ ...built })).toBe(JSON.stringify({ ...reference }));
    expect(checkContract(LedgerEntryConfirmed, { ...built }).ok).toBe(true);

    const rejected = {
      companyId: 'company-a',
      entryId: '0b6f1f3e-8c1a-4c5e-9a37-5f0e2a4b7c11',
      number: 'KA-1',
      date: '2026-01-10',
      trigger: 'nightly' as const,
      ruleSetVersion: 4,
      reasonCount: 2,
      rejectedAt: '2026-01-11T00:00:00.000Z',
    };
    const builtRejected = event(LedgerEntryRejected, { ...rejected, reasons: [event(LedgerEntryFailureReason, reasonFields), event(LedgerEntryFailureReason, noAddress)] });
    const referenceRejected = plainToInstance(LedgerEntryRejected, {
      ...rejected,
      reasons: [plainToInstance(LedgerEntryFailureReason, reasonFields), plainToInstance(LedgerEntryFailureReason, noAddress)],
    });
    expect(builtRejected.reasons[0]).toBeInstanceOf(LedgerEntryFailureReason);
    expect(JSON.stringify({ ...builtRejected })).toBe(JSON.stringify({ ...referenceRejected }));
    expect(checkContract(LedgerEntryRejected, { ...builtRejected }).ok).toBe(true);
  });
});
