import type { Center } from '@novbe/core';
import { fill, type DisplayMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { useState, type FormEvent } from 'react';

/** A screen with no token yet: the technician types the one-time code the admin created. */
export function PairScreen(props: {
  text: DisplayMessages;
  busy: boolean;
  error: string | null;
  onPair: (code: string) => void;
}) {
  const { text } = props;
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) props.onPair(code.trim());
  };
  return (
    <div className="setup-screen" data-testid="pair-screen">
      <form className="setup-card" onSubmit={submit}>
        <h1>{text.setup.pairTitle}</h1>
        <p>{text.setup.pairHint}</p>
        <label>
          {text.setup.codeLabel}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            maxLength={32}
            data-testid="pair-code"
          />
        </label>
        <button type="submit" disabled={props.busy || !code.trim()} data-testid="pair-button">
          {props.busy ? text.setup.pairing : text.setup.pair}
        </button>
        {props.error && (
          <p className="setup-error" role="alert">
            {fill(text.setup.pairFailed, { reason: props.error })}
          </p>
        )}
      </form>
    </div>
  );
}

/** A paired screen with no mode in its address: pick a hall screen or a counter screen. */
export function ChooseScreen({
  center,
  text,
  language,
}: {
  center: Center | null;
  text: DisplayMessages;
  language: Language;
}) {
  const link = (params: Record<string, string>) => `?${new URLSearchParams({ ...params, lang: language })}`;
  return (
    <div className="setup-screen" data-testid="choose-screen">
      <div className="setup-card setup-wide">
        <h1>{text.setup.chooseTitle}</h1>
        <ul className="choices">
          {center?.halls.map((h) => (
            <li key={h.id}>
              <a href={link({ mode: 'hall', hall: h.id })}>
                {fill(text.setup.hallScreen, { hall: h.name[language] })}
              </a>
            </li>
          ))}
        </ul>
        <ul className="choices choices-counters">
          {center?.counters.map((c) => (
            <li key={c.id}>
              <a href={link({ mode: 'counter', counter: c.id })}>
                {fill(text.setup.counterScreen, { counter: c.number })}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
