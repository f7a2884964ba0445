import { isPermanentSmtpRejection } from './smtp-errors';

// Shaped like nodemailer's errors: `code` names the stage, `responseCode` is the server's reply.
const smtpError = (code: string, responseCode?: number) =>
  Object.assign(new Error('SMTP error'), { code, responseCode });

describe('isPermanentSmtpRejection', () => {
  it('is true for a 5xx reply to the envelope or the message', () => {
    expect(isPermanentSmtpRejection(smtpError('EENVELOPE', 550))).toBe(true);
    expect(isPermanentSmtpRejection(smtpError('EMESSAGE', 554))).toBe(true);
  });

  it('is false for temporary replies, network errors and unknown values', () => {
    expect(isPermanentSmtpRejection(smtpError('EENVELOPE', 451))).toBe(false);
    expect(isPermanentSmtpRejection(smtpError('ECONNECTION'))).toBe(false);
    expect(isPermanentSmtpRejection(smtpError('ETIMEDOUT'))).toBe(false);
    expect(isPermanentSmtpRejection(new Error('boom'))).toBe(false);
    expect(isPermanentSmtpRejection('550 no')).toBe(false);
    expect(isPermanentSmtpRejection(null)).toBe(false);
  });

  it('keeps retrying when our own credentials are refused', () => {
    expect(isPermanentSmtpRejection(smtpError('EAUTH', 535))).toBe(false);
  });
});
