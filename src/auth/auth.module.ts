import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { ApiKeyEntity } from './entities/api-key.entity';
import { KeyRateLimiter } from './key-rate-limit';
import { KeyRateLimitPlugin } from './key-rate-limit.plugin';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeysResolver, KeyRateLimiter, KeyRateLimitPlugin, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeysService],
})
export class AuthModule {}
