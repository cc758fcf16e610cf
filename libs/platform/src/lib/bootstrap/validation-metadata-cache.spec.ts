import {
  IsInt,
  IsString,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { anyAsyncConstraint } from '../http/validation';
import { installValidationMetadataCache } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: unknown;
}

class Child extends Base {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  count!: unknown;
}

const failed = (object: object, options = {}): string[] =>
  validateSync(object, options)
    .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).sort().join('+')}`)
    .sort();

const child = (name: unknown, count: unknown): Child => Object.assign(new Child(), { name, count });

describe('validation metadata cache', () => {
  // Taken before the cache is installed: the answers it must keep giving.
  const expected = {
    ok: failed(child('a', 1)),
    bad: failed(child(5, 'x')),
    strictGroup: failed(child('a', 0), { groups: ['strict'] }),
    noGroup: failed(child('a', 0)),
    strictNoGroup: failed(child('a', 0), { strictGroups: true }),
    base: failed(Object.assign(new Base(), { name: 3 })),
  };

  beforeAll(() => installValidationMetadataCache());

  it('is installed once per process', () => {
    expect(installValidationMetadataCache()).toBe(false);
  });

  it('gives the same errors as class-validator alone, own and inherited properties, with and without groups', () => {
    expect(expected.bad).toEqual(['count:isInt+min', 'name:isString']);
    for (let round = 0; round < 3; round++) {
      expect(failed(child('a', 1))).toEqual(expected.ok);
      expect(failed(child(5, 'x'))).toEqual(expected.bad);
      expect(failed(child('a', 0), { groups: ['strict'] })).toEqual(expected.strictGroup);
      expect(failed(child('a', 0))).toEqual(expected.noGroup);
      expect(failed(child('a', 0), { strictGroups: true })).toEqual(expected.strictNoGroup);
      expect(failed(Object.assign(new Base(), { name: 3 }))).toEqual(expected.base);
    }
    expect(expected.strictGroup).toEqual(['count:min']);
    // Without groups, grouped constraints apply too, unless strictGroups says otherwise.
    expect(expected.noGroup).toEqual(['count:min']);
    expect(expected.strictNoGroup).toEqual([]);
  });

  it('sees metadata added after a class was validated, also through inheritance', () => {
    expect(failed(child('ab', 1))).toEqual([]);
    // A decorator applied later (as when a module defining more constraints loads).
    MinLength(3)(Base.prototype, 'name');
    expect(failed(child('ab', 1))).toEqual(['name:minLength']);
    expect(failed(Object.assign(new Base(), { name: 'abc' }))).toEqual([]);
  });

  it('lets the validation pipe notice an asynchronous constraint added after it last looked', () => {
    expect(anyAsyncConstraint()).toBe(false);
    expect(anyAsyncConstraint()).toBe(false); // answered from the metadata version
    @ValidatorConstraint({ name: 'remoteCheck', async: true })
    class RemoteCheck implements ValidatorConstraintInterface {
      validate(): Promise<boolean> {
        return Promise.resolve(true);
      }
    }
    registerDecorator({ target: Base, propertyName: 'name', options: {}, constraints: [], validator: RemoteCheck, async: true });
    expect(anyAsyncConstraint()).toBe(true);
  });
});
