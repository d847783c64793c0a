import type { FormEvent } from 'react';

/** A form's submit handler that runs `action` instead of sending the form. */
export function submitting(action: () => Promise<unknown> | void) {
  return (event: FormEvent) => {
    event.preventDefault();
    void action();
  };
}
