import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const iso = { strict: true, strictSeparator: true } as const;

/** `GET /v1/runs` query string and GraphQL `runs(...)` arguments. Newest first (createdAt, then id). */
@ArgsType()
export class RunsListArgs {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  project?: string | null;

  @Field(() => String, { nullable: true }) @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  team?: string | null;

  @Field(() => String, { nullable: true }) @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'Runs carrying this tag.' }) @ApiPropertyOptional({ description: 'Runs carrying this tag.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; runs whose startedAt (else createdAt) is at or after it.' })
  @ApiPropertyOptional({ format: 'date-time', description: 'Runs whose startedAt (createdAt when absent) is at or after this instant.' })
  @IsOptional() @IsISO8601(iso)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601; runs whose startedAt (else createdAt) is before it.' })
  @ApiPropertyOptional({ format: 'date-time', description: 'Runs whose startedAt (createdAt when absent) is before this instant (exclusive).' })
  @IsOptional() @IsISO8601(iso)
  to?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 }) @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 50;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page.' }) @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque).' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string | null;
}
