import { Module } from '@nestjs/common';
import { ContactGroupsController, StaffGroupsController } from './groups.controller';

@Module({ controllers: [StaffGroupsController, ContactGroupsController] })
export class GroupsModule {}
