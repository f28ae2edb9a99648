// A minimal IMAP server loop over node:net using CommandDecoder.
// Run `npm run build` first, then `node examples/server.mjs` and try:
//   nc -C localhost 1143   (or point a real client at localhost:1143)
import { createServer } from 'node:net';
import { CommandDecoder } from '../dist/index.js';

const MAX_APPEND = 10 * 1024 * 1024;

createServer((socket) => {
  const decoder = new CommandDecoder({ capabilities: ['IMAP4rev2', 'LITERAL+', 'SASL-IR'] });
  const send = (line) => socket.write(line + '\r\n');
  let authTag = null;
  let idleTag = null;
  send('* OK [CAPABILITY IMAP4rev2 LITERAL+ SASL-IR AUTH=PLAIN IDLE] imapwire example ready');

  function handle(events) {
    for (const ev of events) {
      switch (ev.type) {
        case 'literal':
          // A synchronizing literal: answer "+" and read it, or refuse it.
          if (ev.length > MAX_APPEND) {
            send(`${ev.tag ?? '*'} NO [TOOBIG] literal too large`);
            handle(decoder.rejectLiteral());
          } else {
            send('+ Ready');
            handle(decoder.acceptLiteral());
          }
          break;
        case 'error':
          send(`${ev.tag ?? '*'} BAD ${ev.error.expected}`);
          // A line other than DONE ends IDLE (the BAD above answers the IDLE
          // tag); the decoder reads commands again.
          if (ev.tag !== undefined && ev.tag === idleTag) idleTag = null;
          break;
        case 'sasl': {
          // PLAIN: authzid \0 authcid \0 password
          const [, user] = new TextDecoder().decode(ev.data).split('\0');
          finishAuth(user !== undefined && user !== '');
          break;
        }
        case 'sasl-cancel':
          send(`${authTag} BAD AUTHENTICATE cancelled`);
          authTag = null;
          break;
        case 'done':
          send(`${idleTag} OK IDLE terminated`);
          idleTag = null;
          break;
        case 'command':
          command(ev.command);
          break;
      }
    }
  }

  function finishAuth(ok) {
    if (ok) decoder.authenticated = true;
    send(ok ? `${authTag} OK authenticated` : `${authTag} NO [AUTHENTICATIONFAILED] no`);
    authTag = null;
    // Answer first, then read what the client sent after the exchange.
    handle(decoder.endAuthenticate());
  }

  function command(c) {
    switch (c.type) {
      case 'CAPABILITY':
        send('* CAPABILITY IMAP4rev2 LITERAL+ SASL-IR AUTH=PLAIN IDLE');
        send(`${c.tag} OK done`);
        break;
      case 'NOOP':
        send(`${c.tag} OK done`);
        break;
      case 'LOGIN':
        decoder.authenticated = true;
        send(`${c.tag} OK LOGIN completed`);
        break;
      case 'AUTHENTICATE':
        authTag = c.tag;
        if (c.mechanism.toUpperCase() !== 'PLAIN') {
          send(`${c.tag} NO unsupported mechanism`);
          handle(decoder.resume());
        } else if (c.initialResponse !== undefined) {
          const [, user] = new TextDecoder().decode(c.initialResponse).split('\0');
          finishAuth(user !== undefined && user !== '');
        } else {
          send('+ ');
          handle(decoder.startAuthenticate());
        }
        break;
      case 'IDLE':
        idleTag = c.tag;
        send('+ idling');
        handle(decoder.startIdle());
        break;
      case 'STARTTLS':
      case 'COMPRESS':
        send(`${c.tag} NO not supported here`);
        handle(decoder.resume());
        break;
      case 'LOGOUT':
        send('* BYE bye');
        send(`${c.tag} OK LOGOUT completed`);
        socket.end();
        break;
      case 'APPEND':
        send(`${c.tag} OK APPEND got ${c.messages.length} message(s)`);
        break;
      default:
        // `unknown` commands and everything this toy does not implement.
        send(`${c.tag} BAD ${c.type === 'unknown' ? c.name : c.type} not implemented`);
    }
  }

  socket.on('data', (chunk) => handle(decoder.push(chunk)));
  socket.on('end', () => handle(decoder.end()));
  socket.on('error', () => socket.destroy());
}).listen(Number(process.env.PORT ?? 1143), () => console.log('listening on', Number(process.env.PORT ?? 1143)));
