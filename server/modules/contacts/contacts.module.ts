import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({ controllers: [ContactsController], providers: [ContactsService, SampledLists] })
export class ContactsModule {}
