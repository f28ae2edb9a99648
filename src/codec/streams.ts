/**
 * WHATWG stream faces of the decoders and encoders, for anything that
 * speaks web streams: browsers' WebSocketStream and WebTransport, Deno's
 * `Deno.connect()`, Bun, and Node 20 (`Readable.toWeb(socket)`,
 * `node:stream/web`). They only move values between the stream and the
 * push-style decoders and the encoders; every value is the one those give.
 */
import { ResponseDecoder, type ResponseDecoderEvent, type ResponseDecoderOptions } from './response-decoder.js';
import { CommandDecoder, type CommandDecoderEvent, type CommandDecoderOptions } from './command-decoder.js';
import { serializeResponse } from './parse-response.js';
import { encodeCommand, type EncodeCommandOptions } from './encode-command.js';
import { ImapEncodeError } from '../wire/errors.js';
import type { WriterOptions } from '../wire/writer.js';
import type { Response } from '../model/response.js';
import type { Command } from '../model/command.js';

/**
 * Bytes from a server in, {@link ResponseDecoderEvent}s out (responses,
 * error events for refused frames, literal-streaming events), in wire
 * order. A refused frame is an event, not a stream error: decoding goes on
 * at the next frame. When the input ends, an unfinished frame becomes an
 * `incomplete` error event.
 *
 * @example
 * const events = socket.readable.pipeThrough(new ResponseDecoderStream());
 * for await (const ev of events) if (ev.type === 'response') console.log(ev.response);
 */
export class ResponseDecoderStream extends TransformStream<Uint8Array, ResponseDecoderEvent> {
  /** The decoder doing the work (for `bufferedBytes`). */
  readonly decoder: ResponseDecoder;

  constructor(options: ResponseDecoderOptions = {}) {
    const decoder = new ResponseDecoder(options);
    super({
      transform(chunk, controller) {
        for (const ev of decoder.push(chunk)) controller.enqueue(ev);
      },
      flush(controller) {
        for (const ev of decoder.end()) controller.enqueue(ev);
      },
    });
    this.decoder = decoder;
  }
}

/**
 * Bytes from a client in, {@link CommandDecoderEvent}s out, for servers.
 * The session decisions go through the stream's own methods
 * ({@link CommandDecoderStream.acceptLiteral}, {@link CommandDecoderStream.startIdle}, ...),
 * which pass them to the decoder and put the events it then releases (the
 * command a literal completes, the held `DONE`) on the readable side, in
 * order.
 *
 * @example
 * const s = new CommandDecoderStream();
 * for await (const ev of Readable.toWeb(socket).pipeThrough(s)) {
 *   if (ev.type === 'literal') { socket.write('+ Ready\r\n'); s.acceptLiteral(); }
 *   else if (ev.type === 'command') execute(ev.command);
 * }
 */
export class CommandDecoderStream extends TransformStream<Uint8Array, CommandDecoderEvent> {
  /** The decoder doing the work (for `paused`, `awaitingLiteral`, `authenticated`). */
  readonly decoder: CommandDecoder;
  private readonly emit: (events: CommandDecoderEvent[]) => void;

  constructor(options: CommandDecoderOptions = {}) {
    const decoder = new CommandDecoder(options);
    let out: TransformStreamDefaultController<CommandDecoderEvent> | undefined;
    let closed = false;
    super({
      start(controller) {
        out = controller;
      },
      transform(chunk, controller) {
        for (const ev of decoder.push(chunk)) controller.enqueue(ev);
      },
      flush(controller) {
        for (const ev of decoder.end()) controller.enqueue(ev);
        closed = true;
      },
    });
    this.decoder = decoder;
    this.emit = (events) => {
      if (closed || out === undefined) return;
      for (const ev of events) out.enqueue(ev);
    };
  }

  /** The server sent `+` for the announced literal: read it (see `CommandDecoder.acceptLiteral`). */
  acceptLiteral(): void {
    this.emit(this.decoder.acceptLiteral());
  }

  /** The server refused the announced literal: the command is dropped. */
  rejectLiteral(): void {
    this.emit(this.decoder.rejectLiteral());
  }

  /** The server sent a `+` challenge during AUTHENTICATE: the next client line is SASL data. */
  startAuthenticate(): void {
    this.emit(this.decoder.startAuthenticate());
  }

  /** The AUTHENTICATE exchange is over (or was refused): read commands. */
  endAuthenticate(): void {
    this.emit(this.decoder.endAuthenticate());
  }

  /** The server sent `+ idling`: the client's next line must be DONE. */
  startIdle(): void {
    this.emit(this.decoder.startIdle());
  }

  /** Read commands again (a paused command was refused, or IDLE was ended by the server). */
  resume(): void {
    this.emit(this.decoder.resume());
  }
}

/**
 * Options of {@link CommandEncoderStream}: those of `encodeCommand`, and
 * how to wait for the server's `+` before a synchronizing literal.
 *
 * @example
 * new CommandEncoderStream({ capabilities: ['IMAP4rev1'], continuation: () => nextContinuation() });
 */
export interface CommandEncoderStreamOptions extends EncodeCommandOptions {
  /**
   * Called before each synchronizing literal (RFC 9051 §4.3, RFC 3501
   * §7.5): the stream writes nothing more until the promise settles (a
   * rejection errors the stream). Usually resolves when the response
   * decoder sees a continuation request. Without it, a command that needs
   * a synchronizing literal errors the stream with an `ImapEncodeError`;
   * with LITERAL+ (`literalPlus`) no literal needs it.
   */
  continuation?: () => Promise<unknown>;
}

/**
 * Commands in, bytes out, for clients: each command as `encodeCommand`
 * writes it, one chunk per line or literal, pausing before synchronizing
 * literals until `continuation` settles. A value that cannot be written
 * errors the stream with `ImapEncodeError`.
 *
 * @example
 * const commands = new CommandEncoderStream({ capabilities: ['IMAP4rev2', 'LITERAL+'] });
 * commands.readable.pipeTo(socket.writable);
 * const w = commands.writable.getWriter();
 * await w.write({ tag: 'A1', type: 'NOOP' });
 */
export class CommandEncoderStream extends TransformStream<Command, Uint8Array> {
  constructor(options: CommandEncoderStreamOptions = {}) {
    const { continuation, ...encodeOptions } = options;
    super({
      async transform(command, controller) {
        for (const f of encodeCommand(command, encodeOptions)) {
          if (f.type === 'literal' && f.mode === 'sync') {
            if (continuation === undefined) {
              throw new ImapEncodeError(
                `${command.tag} ${command.type}: a synchronizing literal needs the server's "+" first; pass the continuation option (or LITERAL+ capabilities)`,
              );
            }
            await continuation();
          }
          controller.enqueue(f.bytes);
        }
      },
    });
  }
}

/**
 * Responses in, bytes out, for servers: each response as
 * `serializeResponse` writes it, one chunk each. A value that cannot be
 * written errors the stream with `ImapEncodeError`.
 *
 * @example
 * const responses = new ResponseEncoderStream();
 * responses.readable.pipeTo(Writable.toWeb(socket));
 * await responses.writable.getWriter().write({ type: 'EXISTS', count: 3 });
 */
export class ResponseEncoderStream extends TransformStream<Response, Uint8Array> {
  constructor(options: Pick<WriterOptions, 'utf8' | 'maxQuoted'> = {}) {
    super({
      transform(response, controller) {
        controller.enqueue(serializeResponse(response, options));
      },
    });
  }
}
