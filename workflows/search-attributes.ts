// Search attributes Jan Setu workflows set, so an admin can list cases in Temporal too.
// Registered at start-up (lib/temporal/search-attributes.ts). None of them carries personal data.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CaseKind = defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD); // application | complaint
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const ServiceCode = defineSearchAttributeKey('ServiceCode', SearchAttributeType.KEYWORD);
export const DistrictCode = defineSearchAttributeKey('DistrictCode', SearchAttributeType.KEYWORD);
export const DepartmentCode = defineSearchAttributeKey('DepartmentCode', SearchAttributeType.KEYWORD);
export const EscalationLevel = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.KEYWORD);
export const DueAt = defineSearchAttributeKey('DueAt', SearchAttributeType.DATETIME);
export const Breached = defineSearchAttributeKey('Breached', SearchAttributeType.BOOL);

export const ALL_SEARCH_ATTRIBUTES = [
  CaseKind,
  CaseStatus,
  ServiceCode,
  DistrictCode,
  DepartmentCode,
  EscalationLevel,
  DueAt,
  Breached,
] as const;
