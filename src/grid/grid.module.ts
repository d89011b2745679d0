import { Module } from '@nestjs/common';

/** Placeholder until the grid module lands. */
@Module({})
export class GridModule {}
