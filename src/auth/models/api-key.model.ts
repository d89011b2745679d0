import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyEntity } from '../entities/api-key.entity';

@ObjectType('ApiKey')
export class ApiKeyModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field() @ApiProperty() name!: string;
  @Field() @ApiProperty() tenant!: string;
  @Field() @ApiProperty({ description: 'The public start of the key, to recognise it.' }) prefix!: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) scopes!: string[];
  @Field(() => GraphQLISODateTime) @ApiProperty() createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @ApiProperty({ nullable: true, type: Date }) lastUsedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel extends ApiKeyModel {
  @Field({ description: 'The key itself: shown once, stored only as a hash.' })
  @ApiProperty({ description: 'The key itself: shown once, stored only as a hash.' })
  key!: string;
}

export class ApiKeyList {
  @ApiProperty({ type: [ApiKeyModel] }) items!: ApiKeyModel[];
}

export function toApiKeyModel(e: ApiKeyEntity): ApiKeyModel {
  return {
    id: e.id,
    name: e.name,
    tenant: e.tenant,
    prefix: e.prefix,
    scopes: e.scopes,
    createdAt: e.createdAt,
    lastUsedAt: e.lastUsedAt,
    revokedAt: e.revokedAt,
  };
}
