import { Module } from '@nestjs/common';
import { FirmController } from './firm.controller';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  controllers: [SettingsController, FirmController],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
