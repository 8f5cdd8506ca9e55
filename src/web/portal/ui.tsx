import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

/**
 * The portal's few building blocks, hand-written over plain HTML controls (portal.css): a phone on slow 3G loads a
 * few kilobytes instead of a component library, and native inputs, selects and radios bring the phone's own pickers,
 * keyboard handling and screen-reader names with them.
 */

/** A labelled form field: the label names the control (htmlFor), the hint and the error are read with it. */
export function Field(props: {
  id: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  error?: string | null;
  /** a counter shown at the right under the control, e.g. "12 / 50" */
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const { id, label, required, hint, error, extra, children, testId } = props;
  return (
    <div className={`portal-field${error ? ' portal-field-invalid' : ''}`} data-testid={testId}>
      {/* the star stays outside the label, so the field's name is its words alone (the control says it is required) */}
      <div className="portal-label">
        <label htmlFor={id}>{label}</label>
        {required ? <RequiredMark /> : null}
      </div>
      {children}
      {hint || extra ? (
        <div className="portal-field-foot">
          {hint ? (
            <span id={`${id}-hint`} className="portal-muted">
              {hint}
            </span>
          ) : (
            <span />
          )}
          {extra ? <span className="portal-muted portal-count">{extra}</span> : null}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="portal-field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** The red star of a required field, for the eye only. */
export function RequiredMark() {
  return (
    <span className="portal-required" aria-hidden="true">
      *
    </span>
  );
}

/** The aria attributes a control inside a Field carries (its hint and error described, invalid when in error, required). */
export function describedBy(id: string, opts: { hint?: boolean; error?: string | null; required?: boolean }) {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-describedby': ids || undefined,
    'aria-invalid': opts.error ? true : undefined,
    'aria-required': opts.required || undefined,
  };
}

/** A button: primary, plain, danger or link-like; while busy it is disabled and says so. */
export function Button({
  kind = 'default',
  busy = false,
  block = false,
  children,
  className,
  buttonRef,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  kind?: 'primary' | 'default' | 'danger' | 'link';
  busy?: boolean;
  block?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      type="button"
      {...rest}
      ref={buttonRef}
      className={['portal-button', `portal-button-${kind}`, block ? 'portal-button-block' : '', className ?? ''].filter(Boolean).join(' ')}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="portal-spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** A message box: error (read out at once), warning, info or success. */
export function Notice(props: { kind: 'error' | 'warning' | 'info' | 'success'; title: ReactNode; children?: ReactNode; testId?: string }) {
  const { kind, title, children, testId } = props;
  return (
    <div className={`portal-notice-box portal-notice-${kind}`} role={kind === 'error' ? 'alert' : undefined} data-testid={testId}>
      <strong className="portal-notice-title">{title}</strong>
      {children ? <div className="portal-notice-body">{children}</div> : null}
    </div>
  );
}

/** A titled white box. */
export function Section(props: { title?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`portal-section ${props.className ?? ''}`} data-testid={props.testId}>
      {props.title ? <h2 className="portal-section-title">{props.title}</h2> : null}
      {props.children}
    </section>
  );
}

/** A small coloured word beside a value (可匿名, 暂定, the state). */
export function Tag(props: { color?: 'blue' | 'green' | 'orange' | 'grey'; children: ReactNode; testId?: string; state?: string; className?: string }) {
  return (
    <span className={`portal-tag portal-tag-${props.color ?? 'grey'} ${props.className ?? ''}`} data-testid={props.testId} data-state={props.state}>
      {props.children}
    </span>
  );
}

/** 暂定 beside a date, with its reason written out (a phone has no hover to show a tooltip). */
export function Provisional({ reason }: { reason: string | null | undefined }) {
  return (
    <>
      <Tag color="orange" className="portal-provisional">
        暂定
      </Tag>
      {reason ? <span className="portal-muted portal-provisional-reason">（{reason}）</span> : null}
    </>
  );
}
