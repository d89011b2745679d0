import { Module } from '@nestjs/common';

/** Placeholder until the estimates module lands. */
@Module({})
export class EstimatesModule {}
