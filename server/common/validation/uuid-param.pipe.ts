import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from './parse-input';

const uuid = z.uuid({ message: 'must be a UUID' });

/** Rejects malformed ids in URLs before they reach a query. */
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return parseInput(uuid, value, 'id');
  }
}
