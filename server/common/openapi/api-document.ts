import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiBody,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type ApiResponseOptions,
  type OpenAPIObject,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ZOD_RESPONSE, type ResponseDoc } from './api-response';
import { ZodBodyPipe } from '../validation/zod-body.pipe';
import { openApiSchema } from './zod-openapi';

interface RouteArg {
  index: number;
  pipes?: unknown[];
}

const routeArgs = (controller: object, method: string): [RouteParamtypes, RouteArg][] =>
  Object.entries(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, method) ?? {}) as Record<
      string,
      RouteArg
    >,
  ).map(([key, arg]) => [Number(key.split(':')[0]), arg]);

/** The zod schema a route's body is validated with (its `ZodBodyPipe`), if any. */
export function bodySchemaOf(controller: object, method: string) {
  for (const [type, arg] of routeArgs(controller, method)) {
    if (type !== RouteParamtypes.BODY) continue;
    const pipe = arg.pipes?.find((p): p is ZodBodyPipe<never> => p instanceof ZodBodyPipe);
    if (pipe) return pipe.schema;
  }
  return null;
}

/** A multipart upload's fields, with its file beside them. */
export function withFile(schema: SchemaObject): SchemaObject {
  return {
    ...schema,
    properties: { ...schema.properties, file: { type: 'string', format: 'binary' } },
    required: [...(schema.required ?? []), 'file'],
  };
}

/** Every route handler of the application: its controller's prototype and method name. */
export function routeHandlers(app: INestApplication): { proto: object; method: string }[] {
  const handlers: { proto: object; method: string }[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const proto = (metatype as { prototype: object }).prototype;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = (proto as Record<string, unknown>)[method];
        if (method !== 'constructor' && Reflect.hasMetadata('method', handler as object)) {
          handlers.push({ proto, method });
        }
      }
    }
  }
  return handlers;
}

/** The status a route answers with: its `@HttpCode`, else Nest's default for the verb. */
export function statusOf(handler: object): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  return code ?? (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200);
}

/** The response of a route as its `@ApiView` (or list, file, empty) declares it. */
export function responseOf(doc: ResponseDoc): ApiResponseOptions {
  switch (doc.kind) {
    case 'view':
      return { description: 'OK', schema: openApiSchema(doc.schema, 'output') };
    case 'list':
      return {
        description: 'One page of the list',
        schema: { type: 'array', items: openApiSchema(doc.schema, 'output') },
        headers: {
          'Content-Range': {
            description: '`<resource> <first>-<last>/<total>`: the rows of the page and the total.',
            schema: { type: 'string' },
          },
          'X-Total-Estimated': {
            description: '`true` when the total is an estimate (shown as "about N").',
            schema: { type: 'string' },
          },
        },
      };
    case 'file':
      return {
        description: 'The file, as an attachment',
        content: { [doc.contentType]: { schema: { type: 'string', format: 'binary' } } },
      };
    case 'empty':
      return { description: 'No body' };
  }
}

const described = new WeakSet<object>();

/**
 * The OpenAPI document of the API: every request body described from the zod schema that
 * validates it, and every response from the zod schema of the view the route returns, so the
 * documentation cannot drift from what the API accepts and answers.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  for (const { proto, method } of routeHandlers(app)) {
    const schema = bodySchemaOf(proto, method);
    const descriptor = Object.getOwnPropertyDescriptor(proto, method)!;
    if (described.has(descriptor.value)) continue;
    described.add(descriptor.value);
    if (schema) {
      const upload = routeArgs(proto, method).some(([type]) => type === RouteParamtypes.FILE);
      const body = openApiSchema(schema);
      ApiBody({ schema: upload ? withFile(body) : body })(proto, method, descriptor);
    }
    const response = Reflect.getMetadata(ZOD_RESPONSE, descriptor.value) as ResponseDoc | undefined;
    if (response) {
      ApiResponse({ status: statusOf(descriptor.value), ...responseOf(response) })(
        proto,
        method,
        descriptor,
      );
    }
  }
  const config = new DocumentBuilder()
    .setTitle('Client Hub API')
    .setDescription('Back office and client portal for accounting and tax firms.')
    .addCookieAuth('ch_session')
    .build();
  return SwaggerModule.createDocument(app, config);
}
