import { useEffect, useState, type ReactNode } from 'react';
import { dateInputPlaceholder, formatDateInput, parseDateInput } from '../../../shared/date-input';
import { msg, parseMsg } from '../../../shared/domain/validation';
import { useApp } from '../store/app';
import { Field, withAction } from './ui';

/** The schemas' date messages speak of the stored ISO form; beside a field the user reads the format they type. */
function fieldError(error: string | undefined, withTime: boolean): string | undefined {
  if (!error) return error;
  const { key } = parseMsg(error);
  return key === 'date' || key === 'dateTime' ? msg(withTime ? 'dateTimeInput' : 'dateInput') : error;
}

export type DateFieldProps = {
  label: string;
  /** ISO: YYYY-MM-DD, or YYYY-MM-DDTHH:mm with `withTime` (what a native date input gave). */
  value: string;
  /** The ISO value of what was typed, or the text itself when it is not a date (the form's check then refuses it). */
  onChange: (value: string) => void;
  onBlur?: (value: string) => void;
  withTime?: boolean;
  error?: string | undefined;
  required?: boolean;
  wide?: boolean;
  hint?: string;
  /** A small action beside the input (the breach form's "Now"). */
  after?: ReactNode;
  /** When the visible label is not the field's name (a step's time in a list). */
  ariaLabel?: string;
  disabled?: boolean;
};

/**
 * A date (or date and time) typed in the app language's format (issue 16: "the same date format
 * on every screen"), whatever the browser's locale: a text input with the format as placeholder,
 * read on each keystroke, its message beside the field when what was typed is not a date.
 */
export function DateField(props: DateFieldProps) {
  const language = useApp((s) => s.language);
  const withTime = props.withTime ?? false;
  const [text, setText] = useState(() => formatDateInput(props.value, withTime));
  const [touched, setTouched] = useState(false);
  const parsed = parseDateInput(text, withTime);
  // A value set from outside (a "Now" button, a reset after save) is shown in the field's format.
  useEffect(() => {
    const current = parseDateInput(text, withTime);
    if (!(current.ok && current.value === props.value) && text !== props.value) setText(formatDateInput(props.value, withTime));
    // Only a change of the value from outside matters here, not each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value, withTime]);
  const formatError = touched && !parsed.ok ? msg(withTime ? 'dateTimeInput' : 'dateInput') : undefined;
  const error = formatError ?? fieldError(props.error, withTime);
  const valueOf = (s: string) => {
    const p = parseDateInput(s, withTime);
    return p.ok ? p.value : s;
  };
  return (
    <Field label={props.label} error={error} required={props.required} wide={props.wide} hint={props.hint}>
      {(id, describedBy) => {
        const input = (
          <input
            id={id}
            type="text"
            className={withTime ? 'date-input date-time-input' : 'date-input'}
            autoComplete="off"
            spellCheck={false}
            placeholder={dateInputPlaceholder(language, withTime)}
            aria-label={props.ariaLabel}
            aria-invalid={!!error}
            aria-describedby={describedBy}
            disabled={props.disabled}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (parseDateInput(e.target.value, withTime).ok) setTouched(false);
              props.onChange(valueOf(e.target.value));
            }}
            onBlur={(e) => {
              setTouched(true);
              props.onBlur?.(valueOf(e.target.value));
            }}
          />
        );
        return withAction(input, props.after);
      }}
    </Field>
  );
}
