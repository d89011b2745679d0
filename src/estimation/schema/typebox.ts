/**
 * The few TypeBox builders the request schemas use. Each yields plain JSON Schema that Ajv compiles and
 * OpenAPI 3.0 reads as-is: `nullable: true` (Ajv understands it too) rather than `anyOf [.., null]`,
 * string enums as `{ type: string, enum }` rather than unions of literals.
 */
import { type SchemaOptions, type Static, type TSchema, Type } from '@sinclair/typebox';

/** A schema that also accepts null; the engine reads null as "absent" (and comparison changes as "delete"). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** An optional field that may also be null (= absent). */
export const Opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

/** A string from a fixed list, as `{ type: 'string', enum: [...] }`. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });

/** A non-blank string of at most `maxLength` characters. */
export const Text = (maxLength: number, options: SchemaOptions = {}) => Type.String({ ...options, pattern: '\\S', maxLength });

/**
 * The type the engine reads after validation: the wire type with null removed from every field
 * (validateEstimateRequest drops null fields).
 */
export type Normalized<T> = T extends readonly (infer U)[]
  ? Normalized<U>[]
  : T extends object
    ? { [K in keyof T]: Normalized<Exclude<T[K], null>> }
    : T;
