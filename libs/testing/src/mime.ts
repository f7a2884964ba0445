/**
 * Just enough MIME to read what nodemailer sends (headers, multipart bodies, quoted-printable and
 * base64 parts, RFC 2047 encoded words), so tests check the text and HTML a reader would see
 * without depending on a mail parsing package.
 */

export interface ParsedMail {
  /** Header values by lower-case name, unfolded and decoded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

export function parseMail(raw: string): ParsedMail {
  const message = splitPart(raw.replace(/\r\n/g, '\n'));
  const leaves = collectLeaves(message);
  const textOf = (type: string) => {
    const part = leaves.find((leaf) => contentType(leaf).type === type);
    return part ? decodeBody(part) : '';
  };
  return {
    headers: message.headers,
    subject: message.headers.get('subject') ?? '',
    text: textOf('text/plain'),
    html: textOf('text/html'),
  };
}

function splitPart(source: string): Part {
  const end = source.indexOf('\n\n');
  const head = end === -1 ? source : source.slice(0, end);
  const body = end === -1 ? '' : source.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
    }
  }
  return { headers, body };
}

function contentType(part: Part): { type: string; boundary?: string } {
  const value = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(value)?.[1];
  return { type: value.split(';')[0].trim().toLowerCase(), boundary };
}

function collectLeaves(part: Part): Part[] {
  const { type, boundary } = contentType(part);
  if (!type.startsWith('multipart/') || !boundary) return [part];
  const children = part.body.split(`--${boundary}`).slice(1);
  return children
    .filter((child) => !child.startsWith('--'))
    .flatMap((child) => collectLeaves(splitPart(child.replace(/^\n/, ''))));
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body = part.body.replace(/\n$/, '');
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(body: string): string {
  const unwrapped = body.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(unwrapped.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047: `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=`; whitespace between encoded words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
