import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { KeysetPage } from '../../common/pagination/keyset-page.args';

/** `GET /v1/models` query string and GraphQL `models(...)` arguments. */
@ArgsType()
export class ModelListArgs extends KeysetPage(class {}, 'Models') {
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
