import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** `GET /v1/models` query string and GraphQL `models(...)` arguments. */
@ArgsType()
export class ModelListArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Words that must all occur in the id, name, Hugging Face id, alias, family or vendor.',
  })
  @ApiPropertyOptional({ type: String, example: 'llama 70b' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Family, exact and case-insensitive ("llama-3.1", "qwen-3", "deepseek-v3").',
  })
  @ApiPropertyOptional({ type: String, example: 'llama-3.1' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  family?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
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
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string | null;
}

/** `GET /v1/models/{ref}` and GraphQL `model(ref:)`: a catalog id, a Hugging Face id (URL-encoded in the path) or an alias. */
@ArgsType()
export class ModelRefArgs {
  @Field({
    description:
      'A catalog id, a Hugging Face id ("meta-llama/Llama-3.1-8B-Instruct") or an alias; case- and punctuation-insensitive.',
  })
  @ApiProperty({ example: 'meta-llama/Llama-3.1-8B-Instruct' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  ref!: string;
}
