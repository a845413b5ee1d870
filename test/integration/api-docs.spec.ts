import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type {
  OpenAPIObject,
  OperationObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { z } from 'zod';
import { bodySchemaOf, routeHandlers, withFile } from '../../server/common/openapi/api-document';
import { openApiSchema, ZOD_QUERY } from '../../server/common/openapi/zod-openapi';
import { startTestApp, type TestApp } from '../utils/test-app';

const asList = (p: string | string[]) => (Array.isArray(p) ? p : [p]);

/** The document's paths of a route, e.g. `/api/clients/{id}`. */
function pathsOf(proto: object, method: string): string[] {
  const handler = (proto as Record<string, object>)[method];
  return asList(Reflect.getMetadata(PATH_METADATA, proto.constructor)).flatMap((base) =>
    asList(Reflect.getMetadata(PATH_METADATA, handler)).map((sub) =>
      `/api/${base}/${sub}`
        .replace(/\/+/g, '/')
        .replace(/\/$/, '')
        .replace(/:(\w+)/g, '{$1}'),
    ),
  );
}

/** `/api/docs` describes every route, and its input from the zod schema that validates it. */
describe('API documentation', () => {
  let t: TestApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await (await t.signIn()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t?.close());

  const routes = () =>
    routeHandlers(t.app).flatMap(({ proto, method }) => {
      const handler = (proto as Record<string, object>)[method];
      const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler)].toLowerCase();
      return pathsOf(proto, method).map((path) => ({
        proto,
        method,
        handler,
        name: `${verb.toUpperCase()} ${path}`,
        operation: doc.paths[path]?.[verb as 'get'] as OperationObject | undefined,
      }));
    });

  it('gives every route a one-line summary', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(100);
    const missing = all.filter((r) => !r.operation?.summary?.trim()).map((r) => r.name);
    expect(missing).toEqual([]);
    expect(all.filter((r) => r.operation!.summary!.includes('\n')).map((r) => r.name)).toEqual([]);
  });

  it('describes every validated body with the schema generated from its zod schema', () => {
    const bodies = routes().flatMap((r) => {
      const schema = bodySchemaOf(r.proto, r.method);
      return schema ? [{ ...r, schema }] : [];
    });
    expect(bodies.length).toBeGreaterThan(40);
    for (const { name, operation, schema } of bodies) {
      const content = (operation?.requestBody as { content: Record<string, { schema: unknown }> })
        ?.content;
      // JSON, or a multipart upload: the same fields with the file beside them.
      const upload = content?.['multipart/form-data'];
      expect({ name, schema: (upload ?? content?.['application/json'])?.schema }).toEqual({
        name,
        schema: upload ? withFile(openApiSchema(schema)) : openApiSchema(schema),
      });
    }
    // Generated, not hand-written: a field's own constraints show.
    const createTag = bodies.find((b) => b.name === 'POST /api/tags')!;
    expect(JSON.stringify(createTag.operation!.requestBody)).toContain(
      '"additionalProperties":false',
    );
  });

  it('describes every query that is validated as a whole with its zod schema', () => {
    const queried = routes().filter((r) =>
      Object.entries(
        (Reflect.getMetadata(ROUTE_ARGS_METADATA, r.proto.constructor, r.method) ?? {}) as Record<
          string,
          { data?: unknown }
        >,
      ).some(([key, arg]) => Number(key.split(':')[0]) === RouteParamtypes.QUERY && !arg.data),
    );
    expect(queried.length).toBeGreaterThan(20);
    for (const { name, handler, operation } of queried) {
      const schema = Reflect.getMetadata(ZOD_QUERY, handler) as z.ZodObject | undefined;
      expect({ name, documented: Boolean(schema) }).toEqual({ name, documented: true });
      const params = (operation?.parameters ?? []) as {
        name: string;
        in: string;
        schema?: unknown;
        content?: Record<string, { schema: unknown }>;
      }[];
      const filter = params.find((p) => p.name === 'filter' && p.in === 'query');
      if (filter) {
        expect(filter.content!['application/json'].schema).toEqual(openApiSchema(schema!));
        expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['sort', 'range']));
      } else {
        for (const [field, fieldSchema] of Object.entries(schema!.shape)) {
          expect(params.find((p) => p.name === field)?.schema).toEqual(
            openApiSchema(fieldSchema as z.ZodType),
          );
        }
      }
    }
  });
});
