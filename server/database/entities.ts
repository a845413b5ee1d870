import { LoginThrottle } from '../common/auth/login-throttle.entity';
import { Session } from '../common/auth/session.entity';
import { Client } from '../modules/clients/client.entity';
import { StaffUser } from '../modules/staff/staff-user.entity';
import { Tag } from '../modules/tags/tag.entity';

export const entities = [StaffUser, Session, LoginThrottle, Tag, Client];
