import Handlebars from 'handlebars';

/** One email, ready for the mailer: a plain-text and an HTML part (docs/design.md §6). */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Handlebars sources of one kind of email; the HTML body goes inside the shared layout. */
export interface EmailTemplateSource {
  subject: string;
  text: string;
  htmlBody: string;
}

// A private instance: no helper or partial registered elsewhere can change these templates.
const handlebars = Handlebars.create();

// `strict`: a template naming a field its view lacks throws instead of printing nothing.
const TEXT = { noEscape: true, strict: true } as const;
const HTML = { strict: true } as const;

const TEXT_FOOTER = '\n\n--\nDigital Wallet. This message was sent automatically; please do not reply.\n';

const renderLayout = handlebars.compile<{ subject: string; body: string }>(
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;">
<p style="margin:0 0 16px;font-size:18px;font-weight:bold;color:#0b6e4f;">Digital Wallet</p>
{{{body}}}
<p style="margin:24px 0 0;font-size:12px;color:#7b8794;">This message was sent automatically; please do not reply.</p>
</div>
</body>
</html>
`,
  HTML,
);

/**
 * Compiles one kind of email once. `view` turns the job payload into what the template shows
 * (amounts already formatted as dollars), so templates stay free of logic and the payload type
 * says exactly what each one may use. The HTML part escapes every value; the text part and the
 * subject do not, as they are not HTML.
 */
export function compileEmailTemplate<P, V extends object>(
  source: EmailTemplateSource,
  view: (payload: P) => V,
): (payload: P) => RenderedEmail {
  const subject = handlebars.compile<V>(source.subject, TEXT);
  const text = handlebars.compile<V>(source.text, TEXT);
  const htmlBody = handlebars.compile<V>(source.htmlBody, HTML);
  return (payload) => {
    const values = view(payload);
    const renderedSubject = subject(values);
    return {
      subject: renderedSubject,
      text: text(values) + TEXT_FOOTER,
      html: renderLayout({ subject: renderedSubject, body: htmlBody(values) }),
    };
  };
}

/** `2025-11-27T06:10:42.123Z` → `2025-11-27 06:10 UTC`: one unambiguous form for every reader. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${iso}`);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Joins template lines, so multi-line sources read as they render. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}
