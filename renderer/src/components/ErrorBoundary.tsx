import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

/** A screen that fails to render shows a message and a way back, never a blank window or a stack. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(err: unknown) {
    return { message: err instanceof Error ? err.message : String(err) };
  }

  override componentDidCatch(err: unknown) {
    console.error('[renderer] screen failed', err);
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="page">
        <p className="notice notice-bad" role="alert">
          {i18next.t('errors.internal', { message: this.state.message })}
        </p>
        <a href="#/dashboard">{i18next.t('nav.dashboard')}</a>
      </div>
    );
  }
}
