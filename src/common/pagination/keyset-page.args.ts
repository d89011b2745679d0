import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Page sizes every list takes (`limit`), and the default when it is omitted. */
export const PAGE_LIMIT = { min: 1, max: 500, default: 50 } as const;

/** A cursor is the opaque base64url text a list returned as nextCursor; anything else is refused before decoding. */
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

type Constructor = new (...args: any[]) => object;

/**
 * Adds the keyset page arguments (`limit`, `cursor`) to a list's filter arguments, with one
 * definition of their bounds, validation and descriptions on both transports:
 * `class RunsListArgs extends KeysetPage(RunFilterArgs, 'Runs') {}`.
 */
export function KeysetPage<TBase extends Constructor>(Base: TBase, items: string) {
  @ArgsType()
  class KeysetPageArgs extends Base {
    @Field(() => Int, {
      nullable: true,
      defaultValue: PAGE_LIMIT.default,
      description: `${items} per page (${PAGE_LIMIT.min}-${PAGE_LIMIT.max}).`,
    })
    @ApiPropertyOptional({
      type: 'integer',
      minimum: PAGE_LIMIT.min,
      maximum: PAGE_LIMIT.max,
      default: PAGE_LIMIT.default,
      description: `${items} per page.`,
    })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(PAGE_LIMIT.min)
    @Max(PAGE_LIMIT.max)
    limit: number = PAGE_LIMIT.default;

    @Field(() => String, { nullable: true, description: 'The nextCursor of the previous page.' })
    @ApiPropertyOptional({ type: String, description: 'The nextCursor of the previous page (opaque).' })
    @IsOptional()
    @IsString()
    @Matches(CURSOR, { message: 'cursor must be a nextCursor returned by this list' })
    cursor?: string | null;
  }
  return KeysetPageArgs;
}
