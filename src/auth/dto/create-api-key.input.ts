import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RATE_LIMIT_UNITS, type RateLimitUnit, SCOPES, type Scope } from '../auth.types';

@InputType('ApiKeyRateLimitInput', { description: "A key's own rate limit (docs/security.md, Rate limits)." })
export class ApiKeyRateLimitInput {
  @Field(() => Int, { description: 'Requests or cost units per minute, per replica; 0: no limit for this key.' })
  @ApiProperty({
    example: 1200,
    minimum: 0,
    maximum: 100000000,
    description: 'Per minute, per replica; 0: no limit for this key.',
  })
  @IsInt()
  @Min(0)
  @Max(100000000)
  perMinute!: number;

  @Field(() => String, {
    description: '`requests` (each request counts 1) or `cost` (GraphQL operation cost; REST: 1 + body items + `limit`).',
  })
  @ApiProperty({
    enum: RATE_LIMIT_UNITS,
    example: 'requests',
    description: '`requests` (each request counts 1) or `cost` (GraphQL operation cost; REST: 1 + body items + `limit`).',
  })
  @IsIn(RATE_LIMIT_UNITS)
  unit!: RateLimitUnit;
}

@InputType('ApiKeyInput')
export class CreateApiKeyInput {
  @Field()
  @ApiProperty({ example: 'training-scheduler' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field()
  @ApiProperty({ example: 'team-research', description: 'The tenant whose runs, jobs and reports the key sees.' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'tenant must be 1-100 letters, digits, dots, dashes or underscores' })
  tenant!: string;

  @Field(() => [String])
  @ApiProperty({ enum: SCOPES, isArray: true, example: ['read', 'write'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  @Field(() => ApiKeyRateLimitInput, {
    nullable: true,
    description:
      "The key's own rate limit; omitted or null: the service default (KEY_RATE_LIMIT_PER_MINUTE requests per minute).",
  })
  @ApiPropertyOptional({
    type: ApiKeyRateLimitInput,
    nullable: true,
    description:
      "The key's own rate limit; omitted or null: the service default (KEY_RATE_LIMIT_PER_MINUTE requests per minute).",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApiKeyRateLimitInput)
  rateLimit?: ApiKeyRateLimitInput | null;
}
