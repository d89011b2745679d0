import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SCOPES, type Scope } from '../auth.types';

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
}
