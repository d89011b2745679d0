import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { KeysetPage } from '../../common/pagination/keyset-page.args';

/** `GET /v1/jobs/{id}/errors` query string and GraphQL `jobErrors(...)` arguments, in row order. */
@ArgsType()
export class JobErrorsArgs extends KeysetPage(class {}, 'Row errors') {}

/** GraphQL `jobErrors(id, limit, cursor)`: REST takes the id from the path. */
@ArgsType()
export class JobErrorsByIdArgs extends JobErrorsArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id!: string;
}
