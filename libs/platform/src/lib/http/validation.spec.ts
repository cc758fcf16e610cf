import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import {
  IsInt,
  IsString,
  Min,
  registerDecorator,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Type } from 'class-transformer';
import { anyAsyncConstraint, createValidationPipe, HubValidationPipe } from './validation';

class Line {
  @IsString() name!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsString() reference!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

async function fieldsOf(pipe: HubValidationPipe, value: unknown, metatype: new () => object): Promise<unknown> {
  try {
    await pipe.transform(value, { type: 'body', metatype });
    return 'valid';
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { fields: unknown }).fields;
  }
}

describe('HubValidationPipe', () => {
  const pipe = createValidationPipe() as HubValidationPipe;

  it('validates synchronously while no constraint is asynchronous, with the same field errors', async () => {
    expect(anyAsyncConstraint()).toBe(false);
    const validate = jest.spyOn(HubValidationPipe.prototype as unknown as { validate(): unknown }, 'validate');
    try {
      const value = { reference: 7, lines: [{ name: 'a', quantity: 0 }, { name: 'b', quantity: 2 }], extra: true };
      // class-validator's order (unknown properties first), as on the asynchronous path.
      expect(await fieldsOf(pipe, value, Order)).toEqual([
        { field: 'extra', errors: ['property extra should not exist'] },
        { field: 'reference', errors: ['reference must be a string'] },
        { field: 'lines[0].quantity', errors: ['quantity must not be less than 1'] },
      ]);
      // The synchronous path returned an array, not a promise.
      expect(Array.isArray(validate.mock.results[0]?.value)).toBe(true);
      const ok = { reference: 'R1', lines: [{ name: 'a', quantity: 1 }] };
      expect(await pipe.transform(ok, { type: 'body', metatype: Order })).toBeInstanceOf(Order);
    } finally {
      validate.mockRestore();
    }
  });

  it('switches to asynchronous validation once an asynchronous constraint exists', async () => {
    @ValidatorConstraint({ name: 'knownCustomer', async: true })
    class KnownCustomer implements ValidatorConstraintInterface {
      validate(value: unknown): Promise<boolean> {
        return new Promise((resolve) => setTimeout(() => resolve(value === 'C-1'), 1));
      }
      defaultMessage(): string {
        return 'customer is not known';
      }
    }
    class Invoice {
      @IsString() number!: string;
    }
    registerDecorator({ target: Invoice, propertyName: 'customer', options: {}, constraints: [], validator: KnownCustomer, async: true });
    expect(anyAsyncConstraint()).toBe(true);
    expect(await fieldsOf(pipe, { number: 'I-1', customer: 'C-2' }, Invoice)).toEqual([
      { field: 'customer', errors: ['customer is not known'] },
    ]);
    expect(await fieldsOf(pipe, { number: 'I-1', customer: 'C-1' }, Invoice)).toBe('valid');
  });
});
