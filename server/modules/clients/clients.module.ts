import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({ imports: [TagsModule], controllers: [ClientsController], providers: [ClientsService] })
export class ClientsModule {}
