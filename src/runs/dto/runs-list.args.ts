import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RunFilterArgs } from './run-filter.args';

/** `GET /v1/runs` query string and GraphQL `runs(...)` arguments. Newest first (createdAt, then id). */
@ArgsType()
export class RunsListArgs extends RunFilterArgs {
  @Field(() => String, { nullable: true, description: 'Runs carrying this tag.' })
  @ApiPropertyOptional({ type: String, description: 'Runs carrying this tag.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  tag?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page.' })
  @ApiPropertyOptional({ type: String, description: 'nextCursor of the previous page (opaque).' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string | null;
}
