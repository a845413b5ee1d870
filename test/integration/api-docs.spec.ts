import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type {
  OpenAPIObject,
  OperationObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import Ajv from 'ajv';
import type { Response } from 'supertest';
import type { z } from 'zod';
import {
  bodySchemaOf,
  routeHandlers,
  statusOf,
  withFile,
} from '../../server/common/openapi/api-document';
import { ZOD_RESPONSE, type ResponseDoc } from '../../server/common/openapi/api-response';
import { openApiSchema, ZOD_QUERY } from '../../server/common/openapi/zod-openapi';
import { clientWithContact } from '../utils/invitations';
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

type Responses = Record<
  string,
  {
    content?: Record<string, { schema: Record<string, unknown> }>;
    headers?: Record<string, unknown>;
  }
>;

/**
 * `/api/docs` describes every route: its input from the zod schema that validates it, its
 * answer from the zod schema of the view it returns.
 */
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

  it('documents every route’s answer from the zod schema of its view, or says it has none', () => {
    const all = routes();
    const undeclared = all.filter((r) => !Reflect.getMetadata(ZOD_RESPONSE, r.handler));
    expect(undeclared.map((r) => r.name)).toEqual([]);
    const kinds = new Set<string>();
    for (const { name, handler, operation } of all) {
      const declared = Reflect.getMetadata(ZOD_RESPONSE, handler) as ResponseDoc;
      kinds.add(declared.kind);
      const response = (operation!.responses as Responses)[String(statusOf(handler))];
      const json = response?.content?.['application/json']?.schema;
      switch (declared.kind) {
        case 'view':
          expect({ name, json }).toEqual({ name, json: openApiSchema(declared.schema, 'output') });
          break;
        case 'list':
          expect({ name, json }).toEqual({
            name,
            json: { type: 'array', items: openApiSchema(declared.schema, 'output') },
          });
          expect({ name, headers: Object.keys(response.headers ?? {}) }).toEqual({
            name,
            headers: expect.arrayContaining(['Content-Range']),
          });
          break;
        case 'file':
          expect({ name, types: Object.keys(response?.content ?? {}) }).toEqual({
            name,
            types: [declared.contentType],
          });
          break;
        case 'empty':
          expect({ name, response }).toEqual({ name, response: { description: 'No body' } });
      }
    }
    expect([...kinds].sort()).toEqual(['empty', 'file', 'list', 'view']);
    // Generated from the view, not hand-written: a client's fields with their own constraints.
    const client = (doc.paths['/api/clients/{id}'].get!.responses as Responses)['200'];
    expect(client.content!['application/json'].schema).toMatchObject({
      properties: { portalStatus: { enum: expect.arrayContaining(['accepted', 'bounced']) } },
      additionalProperties: false,
    });
  });

  it('answers what it documents: real responses validate against the documented schemas', async () => {
    const admin = await t.signIn();
    const { clientId } = await clientWithContact(admin, {
      firstName: 'Vera',
      lastName: 'Docs',
      email: 'vera.docs@example.com',
    });
    const tag = await admin.post('/api/tags').send({ name: 'Documented' }).expect(201);
    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [clientId], add: [tag.body.id] })
      .expect(200);
    await admin
      .post(`/api/clients/${clientId}/files`)
      .attach('file', Buffer.from('%PDF-1.4\n% docs\n%%EOF\n', 'latin1'), 'return.pdf')
      .expect(201);
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const answered = async (path: string, docPath = path) => {
      const res: Response = await admin.get(path).expect(200);
      const responses = doc.paths[docPath].get!.responses as Responses;
      const validate = ajv.compile(responses['200'].content!['application/json'].schema);
      expect({ path, errors: validate(res.body) ? null : validate.errors }).toEqual({
        path,
        errors: null,
      });
      return res;
    };
    const clients = await answered('/api/clients');
    expect(clients.headers['content-range']).toMatch(/^clients 0-0\/1$/);
    const one = await answered(`/api/clients/${clientId}`, '/api/clients/{id}');
    expect(one.body.tags).toEqual([expect.objectContaining({ name: 'Documented' })]);
    await answered('/api/contacts');
    await answered('/api/tags');
    await answered('/api/staff');
    await answered('/api/auth/me');
    await answered('/api/settings');
    await answered('/api/dashboard');
    await answered('/api/audit-events');
    const files = await answered(`/api/clients/${clientId}/files`, '/api/clients/{clientId}/files');
    expect(files.body[0].versions[0].uploadedBy).toMatchObject({ type: 'staff' });

    // A view that drifts from its schema fails: an extra field is not in the document.
    const validateClient = ajv.compile(
      (doc.paths['/api/clients/{id}'].get!.responses as Responses)['200'].content![
        'application/json'
      ].schema,
    );
    expect(validateClient({ ...one.body, secret: 'x' })).toBe(false);
  });
});
