import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { errorText } from './common';

/** What a problem+json says of the field it names. */
export function fieldText(problem: { title: string; detail?: string }): string {
  return problem.detail ?? problem.title;
}

/**
 * A form's answer from the API, the same way on every screen: a problem+json naming a field is shown next to the
 * control `controlOf` maps it to (that control marked invalid, described by the message, and focused), prefixed by
 * the field's own name when the control stands for more than it (`tiers[0].upTo` next to its tier row); any other
 * error is shown above the form. Control ids are `idPrefix + control`, their messages' ids the same + `-error`.
 */
export function useFieldErrors<C extends string>(idPrefix: string, controlOf: (field: string | undefined) => C | null) {
  const [fieldError, setFieldError] = useState<{ control: C; text: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = (control: C) => fieldError?.control === control;

  /** Runs the form's call with the errors of the previous one cleared and the form busy meanwhile. */
  async function submit(call: () => Promise<void>) {
    setBusy(true);
    setFieldError(null);
    setFormError(null);
    try {
      await call();
    } catch (error) {
      const control = error instanceof ApiError ? controlOf(error.field) : null;
      if (control && error instanceof ApiError) {
        const text = fieldText(error.problem);
        setFieldError({ control, text: error.field !== control ? `${error.field}: ${text}` : text });
        requestAnimationFrame(() => document.getElementById(idPrefix + control)?.focus());
      } else {
        setFormError(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    formError,
    submit,
    errorOf: (control: C) => shown(control)
      ? <span id={`${idPrefix}${control}-error`} class="field-error">{fieldError!.text}</span> : null,
    invalid: (control: C) => ({
      'aria-invalid': shown(control),
      'aria-describedby': shown(control) ? `${idPrefix}${control}-error` : undefined,
    }),
  };
}
