import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseInput } from './parse-input';

/** `@Body(new ZodBodyPipe(schema))`: validated, typed body or a 400 naming the fields. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  /** Public: the API documentation describes the body from it. */
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseInput(this.schema, value ?? {});
  }
}
