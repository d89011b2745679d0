import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { DataVersionEntity } from '../../database/entities/data-version.entity';

@ObjectType('DataVersion', { description: 'A reference-data release: the seed, or an admin write.' })
export class DataVersionModel {
  @Field()
  @ApiProperty({ example: 'seed-2026.11.0' })
  id!: string;

  @Field()
  @ApiProperty({ enum: ['seed', 'admin'] })
  kind!: string;

  @Field()
  @ApiProperty()
  description!: string;

  @Field(() => GraphQLISODateTime)
  @ApiProperty()
  createdAt!: Date;
}

export function toDataVersionModel(e: DataVersionEntity): DataVersionModel {
  return { id: e.id, kind: e.kind, description: e.description, createdAt: e.createdAt };
}

export class DataVersionList {
  @ApiProperty({ type: [DataVersionModel] })
  items!: DataVersionModel[];
}
