import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** Where a route keeps what it answers, for the documentation and its test. */
export const ZOD_RESPONSE = 'zod-response';

export type ResponseDoc =
  | { kind: 'view' | 'list'; schema: z.ZodType }
  | { kind: 'file'; contentType: string }
  | { kind: 'empty' };

/** A route handler answering `T` (directly or through a promise), whatever it takes. */
type Answering<T> = (...args: never[]) => T | Promise<T>;

const answers =
  <T>(doc: ResponseDoc) =>
  <F extends Answering<T>>(target: object, key: string | symbol, d: TypedPropertyDescriptor<F>) => {
    SetMetadata(ZOD_RESPONSE, doc)(target, key, d);
  };

/** The route answers the JSON of this view; the handler's return type must match it. */
export const ApiView = <S extends z.ZodType>(schema: S) =>
  answers<z.output<S>>({ kind: 'view', schema });

/** A react-admin list route: an array of the view, its page in the `Content-Range` header. */
export const ApiListView = <S extends z.ZodType>(schema: S) =>
  answers<z.output<S>[]>({ kind: 'list', schema });

/** The route streams a file of this type itself (through `@Res()`, whatever it returns). */
export const ApiFileResponse = (contentType: string) =>
  answers<unknown>({ kind: 'file', contentType });

/** The route answers no body (204, or an acknowledgement with nothing to read). */
export const ApiEmptyResponse = () => answers<void>({ kind: 'empty' });
