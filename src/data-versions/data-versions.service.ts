import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DataVersionEntity } from '../database/entities/data-version.entity';
import { DataVersionModel, toDataVersionModel } from './models/data-version.model';

@Injectable()
export class DataVersionsService {
  constructor(@InjectRepository(DataVersionEntity) private readonly repo: Repository<DataVersionEntity>) {}

  /** Releases, newest first. */
  async list(): Promise<DataVersionModel[]> {
    const rows = await this.repo.find({ order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map(toDataVersionModel);
  }
}
