import { Session } from '../common/auth/session.entity';
import { Client } from '../modules/clients/client.entity';
import { Contact } from '../modules/contacts/contact.entity';
import { StoredFile } from '../modules/files/stored-file.entity';
import { ImportJob } from '../modules/imports/import-job.entity';
import { StaffUser } from '../modules/staff/staff-user.entity';
import { Tag } from '../modules/tags/tag.entity';

export const entities = [StaffUser, Session, Tag, Client, Contact, StoredFile, ImportJob];
