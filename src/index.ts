/**
 * imapwire: the IMAP wire-protocol codec. Re-exports only.
 */

// --- wire layer ---
export { ImapParseError, ImapEncodeError } from './wire/errors.js';
export type { ImapParseErrorCode, ImapParseErrorInit } from './wire/errors.js';
export { Framer } from './wire/framer.js';
export type { Frame, FramerEvent, FramerOptions, FramerStats, FrameWarning, LiteralMode, LiteralSpan } from './wire/framer.js';
export { CLIENT_LIMITS, SERVER_LIMITS } from './wire/limits.js';
export type { WireLimits } from './wire/limits.js';
export { Reader } from './wire/reader.js';
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

// --- FETCH, ENVELOPE, BODYSTRUCTURE ---

// --- commands (server side) ---
