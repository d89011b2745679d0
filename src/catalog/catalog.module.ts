import { Module } from '@nestjs/common';

/** Placeholder until the catalog module lands. */
@Module({})
export class CatalogModule {}
