import { Module } from '@nestjs/common';
import { AccountLinksModule } from '../account-links/account-links.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  imports: [AccountLinksModule],
  controllers: [StaffController],
  providers: [StaffService],
})
export class StaffModule {}
