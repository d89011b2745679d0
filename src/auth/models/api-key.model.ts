import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyEntity } from '../entities/api-key.entity';

@ObjectType('ApiKeyRateLimit', { description: "A key's own rate limit (docs/security.md, Rate limits)." })
export class ApiKeyRateLimitModel {
  @Field(() => Int, { description: 'Requests or cost units per minute, per replica; 0: no limit.' })
  @ApiProperty({ description: 'Requests or cost units per minute, per replica; 0: no limit.' })
  perMinute!: number;
  @Field() @ApiProperty({ enum: ['requests', 'cost'] }) unit!: string;
}

@ObjectType('ApiKey')
export class ApiKeyModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field() @ApiProperty() name!: string;
  @Field() @ApiProperty() tenant!: string;
  @Field() @ApiProperty({ description: 'The public start of the key, to recognise it.' }) prefix!: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) scopes!: string[];
  @Field(() => ApiKeyRateLimitModel, { nullable: true, description: "The key's own rate limit; null: the service default." })
  @ApiProperty({
    type: ApiKeyRateLimitModel,
    nullable: true,
    description: "The key's own rate limit; null: the service default.",
  })
  rateLimit!: ApiKeyRateLimitModel | null;
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
    rateLimit:
      e.rateLimitPerMinute === null || !e.rateLimitUnit ? null : { perMinute: e.rateLimitPerMinute, unit: e.rateLimitUnit },
    createdAt: e.createdAt,
    lastUsedAt: e.lastUsedAt,
    revokedAt: e.revokedAt,
  };
}
