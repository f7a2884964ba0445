import { AbstractControl, FormGroup } from '@angular/forms';

/** The sentence to show under a field for its first problem. */
export function errorText(control: AbstractControl, label: string): string {
  const errors = control.errors;
  if (!errors) return '';
  for (const key of ['server', 'amount']) if (typeof errors[key] === 'string') return errors[key];
  if (errors['required']) return `Enter your ${label.toLowerCase()}.`;
  if (errors['email']) return 'Enter an email address like name@example.com.';
  const min = errors['minlength'] as { requiredLength: number } | undefined;
  if (min) return `${label} must be at least ${min.requiredLength} characters.`;
  const max = errors['maxlength'] as { requiredLength: number } | undefined;
  if (max) return `${label} must be at most ${max.requiredLength} characters.`;
  return `Check the ${label.toLowerCase()}.`;
}

/**
 * Shows the API's field errors (problem+json `errors`) under the matching fields; returns the
 * messages that match no field, for the form's own message.
 */
export function applyServerErrors(form: FormGroup, fieldErrors: Record<string, string[]>): string[] {
  const unmatched: string[] = [];
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const control = form.get(field);
    if (control) {
      control.setErrors({ server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unmatched.push(...messages);
    }
  }
  return unmatched;
}
