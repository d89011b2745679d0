import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataVersionEntity } from '../database/entities/data-version.entity';
import { DataVersionsController } from './data-versions.controller';
import { DataVersionsResolver } from './data-versions.resolver';
import { DataVersionsService } from './data-versions.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DataVersionEntity])],
  controllers: [DataVersionsController],
  providers: [DataVersionsService, DataVersionsResolver],
  exports: [DataVersionsService],
})
export class DataVersionsModule {}
