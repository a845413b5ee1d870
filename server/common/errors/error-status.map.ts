import { HttpStatus } from '@nestjs/common';
import { AuthErrorCode } from '../auth/auth.exception';
import { MfaErrorCode } from '../auth/mfa/mfa.exception';
import { AccountLinksErrorCode } from '../../modules/account-links/account-links.exception';
import { ClientsErrorCode } from '../../modules/clients/clients.exception';
import { StaffErrorCode } from '../../modules/staff/staff.exception';
import { ImportsErrorCode } from '../../modules/imports/imports.exception';
import { TagsErrorCode } from '../../modules/tags/tags.exception';
import { ContactsErrorCode } from '../../modules/contacts/contacts.exception';
import { InvitationsErrorCode } from '../../modules/invitations/invitations.exception';
import { SettingsErrorCode } from '../../modules/settings/settings.exception';
import { WebhooksErrorCode } from '../../modules/webhooks/webhooks.exception';
import { ClientFilesErrorCode } from '../../modules/client-files/client-files.exception';
import { FileRequestsErrorCode } from '../../modules/file-requests/file-requests.exception';
import { CampaignsErrorCode } from '../../modules/campaigns/campaigns.exception';
import { RequestTemplatesErrorCode } from '../../modules/request-templates/request-templates.exception';
import { PlaybooksErrorCode } from '../../modules/playbooks/playbooks.exception';
import { SegmentsErrorCode } from '../../modules/segments/segments.exception';
import { StorageErrorCode } from '../../modules/storage/storage.exception';
import { CommonErrorCode } from './common.exception';

type ErrorCode =
  | AccountLinksErrorCode
  | SegmentsErrorCode
  | CommonErrorCode
  | AuthErrorCode
  | MfaErrorCode
  | ClientsErrorCode
  | TagsErrorCode
  | StaffErrorCode
  | ImportsErrorCode
  | ContactsErrorCode
  | SettingsErrorCode
  | InvitationsErrorCode
  | WebhooksErrorCode
  | ClientFilesErrorCode
  | FileRequestsErrorCode
  | RequestTemplatesErrorCode
  | PlaybooksErrorCode
  | CampaignsErrorCode
  | StorageErrorCode;

/** The one place where domain error codes become HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [CommonErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CommonErrorCode.MALFORMED_BODY]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.BODY_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CommonErrorCode.DATABASE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [AuthErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.LOCKED]: HttpStatus.TOO_MANY_REQUESTS,
  [AuthErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  // A wrong code is a form error (400, naming the field); a gone sign-in means start over (401).
  [MfaErrorCode.CODE_INVALID]: HttpStatus.BAD_REQUEST,
  [MfaErrorCode.LOCKED]: HttpStatus.TOO_MANY_REQUESTS,
  [MfaErrorCode.NOT_ENROLLED]: HttpStatus.CONFLICT,
  [MfaErrorCode.ALREADY_ENROLLED]: HttpStatus.CONFLICT,
  [MfaErrorCode.NO_ENROLMENT_STARTED]: HttpStatus.CONFLICT,
  [MfaErrorCode.CHALLENGE_INVALID]: HttpStatus.UNAUTHORIZED,
  [MfaErrorCode.ACCOUNT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AccountLinksErrorCode.TOKEN_INVALID]: HttpStatus.NOT_FOUND,
  [AccountLinksErrorCode.EXPIRED]: HttpStatus.GONE,
  [AccountLinksErrorCode.USED]: HttpStatus.GONE,
  [AccountLinksErrorCode.REVOKED]: HttpStatus.GONE,
  [AccountLinksErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ClientsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ClientsErrorCode.TAX_CLIENT_ID_TAKEN]: HttpStatus.CONFLICT,
  [ClientsErrorCode.UNKNOWN_TAGS]: HttpStatus.BAD_REQUEST,
  [TagsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  // Issue #2 asks for 400 on a duplicate tag name: it is a form error the user fixes.
  [TagsErrorCode.NAME_TAKEN]: HttpStatus.BAD_REQUEST,
  [TagsErrorCode.IN_USE]: HttpStatus.CONFLICT,
  [StaffErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [StaffErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [StaffErrorCode.LAST_ADMIN]: HttpStatus.CONFLICT,
  [StaffErrorCode.WRONG_PASSWORD]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ImportsErrorCode.FILE_REQUIRED]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.FILE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ImportsErrorCode.BAD_UPLOAD]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.EMPTY_FILE]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.HEADER_ONLY]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.UNSUPPORTED_CONTENT]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.MISSING_COLUMNS]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.TOO_MANY_ROWS]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.ZIP_BOMB]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.WORKBOOK_TOO_LARGE]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.UNREADABLE]: HttpStatus.BAD_REQUEST,
  [ImportsErrorCode.NOT_RUNNING]: HttpStatus.CONFLICT,
  [ImportsErrorCode.CANNOT_UNDO]: HttpStatus.CONFLICT,
  [ImportsErrorCode.WORKFLOWS_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ImportsErrorCode.CANNOT_IMPORT_FOR_REAL]: HttpStatus.CONFLICT,
  [ContactsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ContactsErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [ContactsErrorCode.UNKNOWN_CLIENTS]: HttpStatus.BAD_REQUEST,
  [SettingsErrorCode.SENDER_NOT_ALLOWED]: HttpStatus.BAD_REQUEST,
  [SettingsErrorCode.NO_SENDING_DOMAIN]: HttpStatus.BAD_REQUEST,
  [InvitationsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [InvitationsErrorCode.NOT_PENDING]: HttpStatus.CONFLICT,
  [InvitationsErrorCode.REMIND_TOO_SOON]: HttpStatus.TOO_MANY_REQUESTS,
  [InvitationsErrorCode.UNKNOWN_TARGETS]: HttpStatus.BAD_REQUEST,
  [InvitationsErrorCode.WORKFLOWS_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [InvitationsErrorCode.TOKEN_INVALID]: HttpStatus.NOT_FOUND,
  [InvitationsErrorCode.EXPIRED]: HttpStatus.GONE,
  [InvitationsErrorCode.USED]: HttpStatus.GONE,
  [InvitationsErrorCode.REVOKED]: HttpStatus.GONE,
  [WebhooksErrorCode.SIGNATURE_INVALID]: HttpStatus.UNAUTHORIZED,
  [WebhooksErrorCode.NOT_CONFIGURED]: HttpStatus.UNAUTHORIZED,
  [WebhooksErrorCode.PAYLOAD_INVALID]: HttpStatus.BAD_REQUEST,
  [ClientFilesErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ClientFilesErrorCode.FILE_REQUIRED]: HttpStatus.BAD_REQUEST,
  [ClientFilesErrorCode.TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ClientFilesErrorCode.TYPE_NOT_ALLOWED]: HttpStatus.BAD_REQUEST,
  [ClientFilesErrorCode.BAD_UPLOAD]: HttpStatus.BAD_REQUEST,
  [ClientFilesErrorCode.UNKNOWN_CONTACTS]: HttpStatus.BAD_REQUEST,
  [FileRequestsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [FileRequestsErrorCode.ITEM_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [FileRequestsErrorCode.BAD_RECIPIENTS]: HttpStatus.BAD_REQUEST,
  [FileRequestsErrorCode.UNKNOWN_FILES]: HttpStatus.BAD_REQUEST,
  [FileRequestsErrorCode.CLOSED]: HttpStatus.CONFLICT,
  [FileRequestsErrorCode.ITEM_CLOSED]: HttpStatus.CONFLICT,
  [FileRequestsErrorCode.ITEM_NOT_REVIEWABLE]: HttpStatus.CONFLICT,
  [FileRequestsErrorCode.REMIND_TOO_SOON]: HttpStatus.TOO_MANY_REQUESTS,
  [FileRequestsErrorCode.NO_REACHABLE_RECIPIENTS]: HttpStatus.CONFLICT,
  [FileRequestsErrorCode.WORKFLOWS_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  // Names are form errors, like a tag's (400); deleting what a playbook uses is a conflict.
  [RequestTemplatesErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [RequestTemplatesErrorCode.NAME_TAKEN]: HttpStatus.BAD_REQUEST,
  [RequestTemplatesErrorCode.IN_USE]: HttpStatus.CONFLICT,
  [PlaybooksErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [PlaybooksErrorCode.NAME_TAKEN]: HttpStatus.BAD_REQUEST,
  [PlaybooksErrorCode.UNKNOWN_REFERENCES]: HttpStatus.BAD_REQUEST,
  [PlaybooksErrorCode.RUN_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [PlaybooksErrorCode.RUN_ENDED]: HttpStatus.CONFLICT,
  [CampaignsErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CampaignsErrorCode.UNKNOWN_SEGMENT]: HttpStatus.BAD_REQUEST,
  [CampaignsErrorCode.NOT_DRAFT]: HttpStatus.CONFLICT,
  [CampaignsErrorCode.NOT_RUNNING]: HttpStatus.CONFLICT,
  [CampaignsErrorCode.WORKFLOWS_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [CampaignsErrorCode.UNSUBSCRIBE_LINK_INVALID]: HttpStatus.NOT_FOUND,
  [SegmentsErrorCode.IN_USE]: HttpStatus.CONFLICT,
  // The store's fault, never the request's: the body names which (tampered, key missing).
  [StorageErrorCode.INTEGRITY]: HttpStatus.INTERNAL_SERVER_ERROR,
  [StorageErrorCode.UNKNOWN_MASTER_KEY]: HttpStatus.INTERNAL_SERVER_ERROR,
  [StorageErrorCode.OBJECT_MISSING]: HttpStatus.INTERNAL_SERVER_ERROR,
};

export function statusOf(code: string): HttpStatus {
  return ERROR_STATUS[code as ErrorCode] ?? HttpStatus.BAD_REQUEST;
}
