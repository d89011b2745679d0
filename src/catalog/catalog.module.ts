import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogController } from './catalog.controller';
import { CatalogResolver } from './catalog.resolver';
import { CatalogService } from './catalog.service';
import { HardwareEntity } from './entities/hardware.entity';

/** The hardware catalog: `/v1/hardware`, GraphQL `hardware`/`hardwareList`/`upsertHardware`/`deleteHardware`, and CatalogService.resolve() for estimates. */
@Module({
  imports: [TypeOrmModule.forFeature([HardwareEntity])],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogResolver],
  exports: [CatalogService],
})
export class CatalogModule {}
