// @angular/forms ships partially compiled: the JIT compiler links it when the spec loads it.
import '@angular/compiler';
import { FormControl, FormGroup } from '@angular/forms';
import { ApiError } from '@wallet/sdk';
import { ErrorCode } from '@wallet/shared';
import { FormSubmission } from './form-submission';

function problem(status: number, code: ErrorCode, extra: object = {}): ApiError {
  return new ApiError(
    { method: 'POST', url: '/api/v1/x' },
    {
      url: '/api/v1/x',
      ok: false,
      status,
      statusText: '',
      body: { type: 'about:blank', title: 'x', status, detail: 'x', code, ...extra },
    },
    'error',
  );
}

const newForm = () => new FormGroup({ email: new FormControl('') });

describe('FormSubmission', () => {
  it('is submitting while the action is out, and answers what it resolved to', async () => {
    const submission = new FormSubmission(newForm(), 'other');
    let finish!: (value: string) => void;
    const run = submission.run(() => new Promise<string>((resolve) => (finish = resolve)));
    expect([submission.submitting(), submission.error()]).toEqual([true, null]);
    finish('done');
    expect(await run).toBe('done');
    expect([submission.submitting(), submission.error()]).toEqual([false, null]);
  });

  it('runs one action at a time: a second submit while one is out does nothing', async () => {
    const submission = new FormSubmission(newForm(), 'other');
    let finish!: () => void;
    const first = submission.run(() => new Promise<void>((resolve) => (finish = resolve)));
    const second = jest.fn(() => Promise.resolve('second'));
    expect(await submission.run(second)).toBeNull();
    expect(second).not.toHaveBeenCalled();
    finish();
    await first;
  });

  it('says why in words, putting field errors under their fields and the rest in the message', async () => {
    const form = newForm();
    const submission = new FormSubmission(form, 'register');
    const refused = problem(400, ErrorCode.VALIDATION_FAILED, {
      errors: [
        { field: 'email', messages: ['email must be an email'] },
        { field: 'nickname', messages: ['nickname is not known'] },
      ],
    });
    expect(await submission.run(() => Promise.reject(refused))).toBeNull();
    expect(submission.submitting()).toBe(false);
    expect(submission.error()).toMatch(/^Some of the details are not valid\. .*nickname/);
    expect(form.controls.email.errors?.['server']).toEqual(expect.any(String));
    expect(form.controls.email.touched).toBe(true);
    // The next submission starts without the last one's error.
    await submission.run(() => Promise.resolve());
    expect(submission.error()).toBeNull();
  });

  it('leaves an ended session to the session handling when signed in, and shows it on a sign-in form', async () => {
    const ended = problem(401, ErrorCode.SESSION_EXPIRED);
    const signedIn = new FormSubmission(newForm(), 'admin');
    await signedIn.run(() => Promise.reject(ended));
    expect(signedIn.error()).toBeNull();
    const signingIn = new FormSubmission(newForm(), 'sign-in', { signedIn: false });
    await signingIn.run(() => Promise.reject(problem(401, ErrorCode.UNAUTHENTICATED)));
    expect(signingIn.error()).toEqual(expect.any(String));
  });
});
