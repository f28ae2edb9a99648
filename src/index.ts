/**
 * imapwire: the IMAP wire-protocol codec. Re-exports only.
 */

// --- wire layer ---
export { ImapParseError, ImapEncodeError } from './wire/errors.js';
export type { ImapParseErrorCode, ImapParseErrorInit } from './wire/errors.js';
export { Framer } from './wire/framer.js';
export type { Frame, FramerEvent, FramerLiteralEvent, FramerOptions, FramerStats, FrameWarning, LiteralMode, LiteralSpan } from './wire/framer.js';
export { CLIENT_LIMITS, SERVER_LIMITS } from './wire/limits.js';
export type { WireLimits } from './wire/limits.js';
export { Reader } from './wire/reader.js';
// --- grammar: quirks and rule sources ---
export { QUIRKS, QUIRK_BY_ID, UNKNOWN_NAMES } from './grammar/quirks.js';
export type { Quirk, UnknownName } from './grammar/quirks.js';
export { ruleSource } from './wire/rules.js';
export type { ReaderOptions, ImapWarning } from './wire/reader.js';
export { Writer, isAtom, isAstringAtom } from './wire/writer.js';
export type { Fragment, WriterOptions } from './wire/writer.js';
export { tokenize } from './wire/tokens.js';
export type { Token } from './wire/tokens.js';
export { decodeText, encodeText, isValidUtf8 } from './util/text.js';

// --- shared model ---
export type { SequenceSet, SequenceItem, SeqNumber } from './model/sequence-set.js';
export type { ImapValue } from './model/value.js';
export type { ImapDateTime, ImapDate } from './model/datetime.js';
export type { Section, SectionText } from './model/section.js';
export type { Flag } from './model/flags.js';
export { SYSTEM_FLAGS, sameFlag } from './model/flags.js';
export { dateTimeToDate, dateTimeFromDate } from './grammar/datetime.js';

// --- responses (client side) ---
export { parseResponse, serializeResponse, parseResponseFrame } from './codec/parse-response.js';
export type { ResponseParseOptions } from './codec/parse-response.js';
export { ResponseDecoder } from './codec/response-decoder.js';
export type { ResponseDecoderEvent, ResponseDecoderOptions } from './codec/response-decoder.js';
export { readResponse, writeResponse, readGreeting } from './grammar/response.js';
export { readRespText, writeRespText, readRespTextCode, writeRespTextCode } from './grammar/resp-text.js';
export type {
  Response, RespText, TaggedResponse, UntaggedStatus, Greeting, ContinueRequest, CapabilityResponse, FlagsResponse,
  ListResponse, ListExtendedItem, StatusResponse, StatusItem, SearchResponse, EsearchResponse, EsearchItem,
  ThreadResponse, Thread, CountResponse, ExpungeResponse, VanishedResponse, FetchResponse, NamespaceResponse,
  Namespace, NamespaceExtension, IdResponse, QuotaResponse, QuotaResource, QuotaRootResponse, AclResponse,
  ListRightsResponse, MyRightsResponse, MetadataResponse, MetadataEntryValue, UnknownResponse, ResponseType, ResponseOf,
} from './model/response.js';
export type {
  RespTextCode, SimpleRespCode, SimpleRespCodeName, BadCharsetCode, CapabilityCode, PermanentFlagsCode, NumberRespCode,
  AppendUidCode, CopyUidCode, HighestModseqCode, ModifiedCode, MailboxIdCode, ReferralCode, BadUrlCode, MetadataCode,
  UnknownRespCode,
} from './model/resp-code.js';
export { SIMPLE_RESP_CODES } from './model/resp-code.js';
export { STATUS_ATT_NAMES } from './model/response.js';
export { parseSequenceSet, formatSequenceSet, iterateSequenceSet, sequenceSetHas, compressSequenceSet } from './util/sequence-set.js';
export { encodeMailboxUtf7, decodeMailboxUtf7 } from './util/utf7.js';

// --- FETCH, ENVELOPE, BODYSTRUCTURE ---
export type { FetchItem, FetchItemType, StreamedLiteral } from './model/fetch.js';
export { fetchItem } from './model/fetch.js';
export type { Envelope, Address, AddressGroup, AddressItem } from './model/envelope.js';
export { isAddressGroup, flattenAddresses } from './model/envelope.js';
export type {
  BodyStructure, BodyBasic, BodyText, BodyMessage, BodyMultipart, BodyFields, BodyParam, BodyDisposition,
  BodyLanguage, BodyExtension, SinglePartExtension,
} from './model/body.js';
export { readMsgAtt, writeMsgAtt } from './grammar/fetch-response.js';
export { readEnvelope, writeEnvelope, groupAddresses } from './grammar/envelope.js';
export { readBody, writeBody } from './grammar/bodystructure.js';
export { listParts, findPart } from './util/parts.js';
export type { MessagePart } from './util/parts.js';

// --- commands (server side) ---
export { parseCommand, readCommandFrame } from './codec/parse-command.js';
export type { ParseCommandOptions, ParsedCommand } from './codec/parse-command.js';
export { serializeCommand, encodeCommand } from './codec/encode-command.js';
export type { EncodeCommandOptions } from './codec/encode-command.js';
export { CommandDecoder } from './codec/command-decoder.js';
export type { CommandDecoderEvent, CommandDecoderOptions } from './codec/command-decoder.js';
export { writerOptionsFor, expandCapabilities, serverLiteralLimitFor, CAPABILITY_IMPLIES } from './codec/capabilities.js';
export type {
  Command, CommandOf, CommandType, SimpleCommandName, ExtParam, SelectParam, CreateParam, StatusAttName, ListReturnOption,
  CatenatePart, AppendData, AppendMessage, StoreAction, SortCriterion, QuotaLimit, SetMetadataEntry, GetMetadataOptions,
  FetchModifier, StoreModifier,
} from './model/command.js';
export type { SearchKey, SearchReturnOption, SearchFlagKeyName, SearchStringKeyName, SearchDateKeyName } from './model/search.js';
export type { FetchAtt, FetchItems, FetchPartial, FetchSimpleAttName } from './model/fetch-att.js';
export { readCommand, writeCommand } from './grammar/command.js';
export { readSearchKey, writeSearchKey } from './grammar/search.js';
export { readFetchAtt, writeFetchAtt } from './grammar/fetch-command.js';
export { encodeBase64, decodeBase64 } from './util/base64.js';

// --- command builders and client helpers ---
export type { CommandInput, CommandInputOf, FetchItemsInput } from './model/command-input.js';
export { toCommand } from './codec/command-input.js';
export type { CommandInputOptions } from './codec/command-input.js';
export { utf8MailboxNames } from './codec/capabilities.js';
export type { SessionCapabilities } from './codec/capabilities.js';
export { decodeMailboxName, mailboxNameOf } from './codec/mailbox-names.js';
export type { MailboxNameOptions } from './codec/mailbox-names.js';
export { findResponse, findResponses } from './util/find-response.js';

// --- session (tracker and checker) ---
export { SessionTracker, mailboxKey } from './session/tracker.js';
export type { SessionView, SessionState, InFlightCommand, ContinuationDue, ImapVersion, KnownMailbox } from './session/tracker.js';
export { MailboxState, STATIC_ITEMS } from './session/mailbox.js';
export type { MailboxView, StaticItem } from './session/mailbox.js';
export { fingerprint } from './session/fingerprint.js';
export { Checker, summaryLine, ruleMatches } from './session/checker.js';
export type { CheckerOptions, ConnectionSummary, FindingCounts } from './session/checker.js';
export { RULES, RULE_IDS } from './session/rules/registry.js';
export type { RuleId, RuleInfo } from './session/rules/registry.js';
export type { Finding, FindingLevel } from './session/finding.js';

// --- web streams ---
export { ResponseDecoderStream, CommandDecoderStream, CommandEncoderStream, ResponseEncoderStream } from './codec/streams.js';
export type { CommandEncoderStreamOptions } from './codec/streams.js';

// --- message helpers (encoded words, transfer encodings, parameters, parts) ---
export { decodeEncodedWords, decodeSubject, decodeAddressName } from './util/encoded-words.js';
export { decodeCharset } from './util/charset.js';
export { decodeTransferEncoding, decodeBase64Body, decodeQuotedPrintable, decodePart, decodeTextPart } from './util/transfer-encoding.js';
export { getParam, partFilename } from './util/params.js';
export { mediaType, findPartByType, findPartsByType } from './util/parts.js';

// --- client session ---
export { ClientSession } from './session/client.js';
export type { ClientSessionOptions } from './session/client.js';
export { CommandHandle, IdleHandle, CommandError } from './session/client-handle.js';
export type { Completion, CommandFailure, ConnectionState, ClientSessionEvent } from './session/client-types.js';
export { claims, usesSequenceNumbers, mayExpunge, isExclusive, canPipeline } from './session/client-routing.js';
export { saslPlain, saslXoauth2, saslOauthBearer } from './session/client-sasl.js';
export type { SaslMechanism } from './session/client-sasl.js';
