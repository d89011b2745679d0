import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RunFilterArgs } from './run-filter.args';
import { KeysetPage } from '../../common/pagination/keyset-page.args';

/** `GET /v1/runs` query string and GraphQL `runs(...)` arguments. Newest first (createdAt, then id). */
@ArgsType()
export class RunsListArgs extends KeysetPage(RunFilterArgs, 'Runs') {
  @Field(() => String, { nullable: true, description: 'Runs carrying this tag.' })
  @ApiPropertyOptional({ type: String, description: 'Runs carrying this tag.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  tag?: string | null;
}
