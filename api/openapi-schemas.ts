import { z } from 'zod';

export type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
// zod puts schemas with an id that were not handed to it under this key, referenced through it.
const SHARED = '__shared';

function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('a body schema in the OpenAPI document needs .meta({ id })');
  return id;
}

export function ref(schema: z.ZodType): Json {
  return { $ref: COMPONENTS + idOf(schema) };
}

/** Points zod's `__shared#/$defs/X` references at the components they are moved to. */
function unshare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshare);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string'
        ? child.replace(`${COMPONENTS}${SHARED}#/$defs/`, COMPONENTS)
        : unshare(child),
    ]),
  );
}

function convert(schemas: Iterable<z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) registry.add(schema, { id: idOf(schema) });
  const { [SHARED]: shared, ...named } = z.toJSONSchema(registry, {
    io,
    uri: (id) => COMPONENTS + id,
  }).schemas;
  const all = { ...named, ...((shared?.$defs ?? {}) as Record<string, unknown>) };
  return Object.fromEntries(
    Object.entries(all).map(([id, schema]) => {
      // A fragment `$id` is invalid JSON Schema, and OpenAPI 3.1 already implies the dialect.
      const { $id: _id, $schema: _dialect, ...rest } = unshare(schema) as Json;
      return [id, rest];
    }),
  );
}

/**
 * `components.schemas`: request bodies as clients send them (before transforms), responses as
 * sent, every schema with an id (nested ones too) a component of its own.
 */
export function componentSchemas(
  requests: Iterable<z.ZodType>,
  responses: Iterable<z.ZodType>,
): Record<string, Json> {
  const inputs = convert(requests, 'input');
  const outputs = convert(responses, 'output');
  for (const id of Object.keys(inputs)) {
    // One id stands for one shape: a schema whose input and output differ can't be both.
    if (id in outputs && JSON.stringify(inputs[id]) !== JSON.stringify(outputs[id]))
      throw new Error(`schema ${id} is used in requests and responses with different shapes`);
  }
  return { ...inputs, ...outputs };
}

/** A schema written out where it is used (a path parameter), without the dialect. */
export function inlineSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}
