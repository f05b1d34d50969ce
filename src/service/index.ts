/** The use cases the channels and the schedule call: compose editions, brief on demand, manage subscriptions. */
export { createBriefingService } from './briefing-service.js';
export type { BriefingService, BriefingServiceDeps, StoryWriting, RecordedRejection } from './briefing-service.js';
export { pickTopics, viewFor } from './audience-view.js';
export { isMeridiemWord, isTimeFrameWord, joinPlaceNames, parseDeliveryTime, placeOfZone, zoneForReaders, zoneOfPlace } from './parse-delivery-time.js';
export { briefingsOf, definitionOf, onDemandBriefing, pickBriefings, unnamedBriefings } from './pick-briefings.js';
export type { ChannelBriefings, OnDemandChoice } from './pick-briefings.js';
export { changeEverySubscription, namesOfNoOutletToday } from './change-every.js';
export type { ChangeEveryResult } from './change-every.js';
export { mergeFilters, parseFilterText, parseOutletNames, parseUnmuteText } from './subscription-filters.js';
export type { ParsedDeliveryTime } from './parse-delivery-time.js';
export { createEditionArchive, DEFAULT_EDITION_ARCHIVE_OPTIONS } from './edition-archive.js';
export type { EditionArchive, EditionArchiveDeps, EditionArchiveOptions } from './edition-archive.js';
export { createOperationsReport, toDeliveryCounts, DEFAULT_OPERATIONS_REPORT_OPTIONS } from './operations-report.js';
export type {
  BriefingReport,
  DeliveryCounts,
  EditionReport,
  FeedReport,
  GuardReport,
  OperationsReport,
  OperationsReportDeps,
  OperationsReportOptions,
  SubscriptionGroup,
} from './operations-report.js';
export { createGuardJournal } from './guard-journal.js';
export type { GuardJournal } from './guard-journal.js';
