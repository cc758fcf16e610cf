import { assertInfra, uniqueName } from '@hub/testing';
import { openTestBus, type TestBus } from './workflow-bus';

/** The tests' bus reader must fail loudly, not read "nothing published", when it reads the wrong place. */
describe('test bus helper', () => {
  let bus: TestBus;

  beforeAll(async () => {
    await assertInfra();
    // A prefix no stream was ever provisioned under.
    bus = await openTestBus(uniqueName());
  });
  afterAll(() => bus.close());

  it('rejects reading a stream that does not exist instead of answering []', async () => {
    await expect(bus.read('inbox.document.published.v1')).rejects.toThrow(/stream not found/i);
  });
});
