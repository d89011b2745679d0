import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /v1/jobs/{id}/errors` query string and GraphQL `jobErrors(...)` arguments, in row order. */
@ArgsType()
export class JobErrorsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @Field(() => String, { nullable: true, description: 'The nextCursor of the previous page.' })
  @ApiPropertyOptional({ type: String, description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string | null;
}

/** GraphQL `jobErrors(id, limit, cursor)`: REST takes the id from the path. */
@ArgsType()
export class JobErrorsByIdArgs extends JobErrorsArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id!: string;
}
