import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { ARG_DOCS, FIELD_DOCS, TYPE_DOCS } from './glossary';

/**
 * Fills the descriptions the decorators left out from the glossary (./glossary.ts),
 * in place, and returns the schema (GraphQLModule's transformSchema). A decorator's description wins.
 */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description && TYPE_DOCS[type.name]) type.description = TYPE_DOCS[type.name];
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values<GraphQLField<unknown, unknown> | GraphQLInputField>(type.getFields())) {
        if (!field.description) field.description = FIELD_DOCS[`${type.name}.${field.name}`] ?? FIELD_DOCS[field.name];
        for (const arg of 'args' in field ? field.args : []) describeArg(type.name, field.name, arg);
      }
    }
  }
  return schema;
}

function describeArg(typeName: string, fieldName: string, arg: GraphQLArgument) {
  if (!arg.description)
    arg.description = ARG_DOCS[`${typeName}.${fieldName}(${arg.name})`] ?? ARG_DOCS[`(${arg.name})`] ?? FIELD_DOCS[arg.name];
}
