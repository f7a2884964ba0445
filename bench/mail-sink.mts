// An SMTP server for the bench, in a process of its own so that receiving mail does not slow the
// load generator down. It counts messages and their distinct Message-IDs (a repeated id is an
// email sent twice) and reports both to its parent on request.
import { SMTPServer } from 'smtp-server';

let messages = 0;
const ids = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      messages++;
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
      if (id) ids.add(id);
      done();
    });
  },
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ listening: true }));
process.on('message', () => process.send?.({ messages, distinct: ids.size }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
