import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum whose values are a REST field's strings. GraphQL enum names cannot contain '-', so a
 * value's GraphQL name is its REST string with each '-' written '_' (`fine-tuning` is `fine_tuning`,
 * `device-hours` is `device_hours`); every other value is the same string on both transports. Resolvers
 * see the REST string (the enum's internal value), so the engine and the REST contract are unchanged.
 */
export function registerRestEnum<V extends string>(
  name: string,
  values: readonly V[],
  description: string,
  valueDescriptions: { [K in V]: string },
): Record<string, V> {
  const enumObject = Object.fromEntries(values.map((v) => [graphqlEnumName(v), v])) as Record<string, V>;
  const valuesMap = Object.fromEntries(values.map((v) => [graphqlEnumName(v), { description: valueDescriptions[v] }]));
  registerEnumType(enumObject, { name, description: `${description} ${RENAMING_NOTE}`, valuesMap });
  return enumObject;
}

export const RENAMING_NOTE = "Values are the REST strings, with '-' written '_' (GraphQL names cannot contain '-').";

export function graphqlEnumName(restValue: string): string {
  return restValue.replace(/-/g, '_');
}
