import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { listRangeSchema, listSortSchema } from '../http/list-query';

/** Where a route keeps the zod schema of its query, for the documentation and its test. */
export const ZOD_QUERY = 'zod-query';

/**
 * The OpenAPI 3.0 schema of what a zod schema accepts (its input, before transforms), or of
 * what it describes once parsed (`output`: a view the API answers).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'openapi-3.0',
    unrepresentable: 'any',
  });
  return json as SchemaObject;
}

const asJson = (name: string, description: string, schema: z.ZodType) =>
  ApiQuery({
    name,
    required: false,
    description,
    content: { 'application/json': { schema: openApiSchema(schema) } },
  });

/**
 * Documents a react-admin list route from the schemas `parseListQuery` validates it with: the
 * filter's own schema, the whitelisted sort fields, the page range.
 */
export const ApiListQuery = (filter: z.ZodType, sortable: readonly string[]) =>
  applyDecorators(
    SetMetadata(ZOD_QUERY, filter),
    asJson('filter', 'JSON object: what the list shows.', filter),
    asJson('sort', 'JSON ["field","ASC" or "DESC"].', listSortSchema(sortable)),
    asJson('range', 'JSON [first, last]: the rows of the page, both included.', listRangeSchema()),
  );

/** Documents a route's query parameters, one per field of the schema that validates them. */
export const ApiZodQuery = (schema: z.ZodObject) =>
  applyDecorators(
    SetMetadata(ZOD_QUERY, schema),
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(field as z.ZodType),
      }),
    ),
  );
