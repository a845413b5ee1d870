import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessService } from '../access/access.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  controllers: [AuthController, SessionsController],
  providers: [
    AuthService,
    SessionsService,
    LoginThrottleService,
    AccessService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessService, SessionsService],
})
export class AuthModule {}
