import { useState } from 'preact/hooks';
import { createUserWithEmailAndPassword, signInWithEmailAndPassword, updateProfile } from 'firebase/auth';
import { auth } from '../firebase';
import { t, type MessageKey } from '../i18n';
import { Banner, TextField } from '../ui/forms';
import { LanguagePicker } from '../ui/Layout';

const AUTH_ERRORS: Record<string, MessageKey> = {
  'auth/invalid-credential': 'signIn.failed',
  'auth/wrong-password': 'signIn.failed',
  'auth/user-not-found': 'signIn.failed',
  'auth/weak-password': 'signIn.weakPassword',
  'auth/email-already-in-use': 'signIn.emailInUse',
  'auth/invalid-email': 'signIn.invalidEmail',
};

export function SignIn() {
  const [mode, setMode] = useState<'signIn' | 'register'>('signIn');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signIn') {
        await signInWithEmailAndPassword(auth, email.trim(), password);
      } else {
        const cred = await createUserWithEmailAndPassword(auth, email.trim(), password);
        if (name.trim()) {
          await updateProfile(cred.user, { displayName: name.trim() });
          await cred.user.getIdToken(true);
        }
      }
    } catch (err) {
      setError(t(AUTH_ERRORS[(err as { code?: string }).code ?? ''] ?? 'common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="signin">
      <div class="signin__card">
        <h1>{t('app.name')}</h1>
        <p class="muted">{t('app.tagline')}</p>
        <LanguagePicker />
        <form onSubmit={submit} aria-label={t(mode === 'signIn' ? 'signIn.title' : 'signIn.create')}>
          <h2>{t(mode === 'signIn' ? 'signIn.title' : 'signIn.create')}</h2>
          {error && <Banner kind="error">{error}</Banner>}
          {mode === 'register' && <TextField label={t('signIn.displayName')} value={name} onValue={setName} autoComplete="name" />}
          <TextField label={t('signIn.email')} type="email" value={email} onValue={setEmail} autoComplete="username" required />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
            required
          />
          <button type="submit" class="primary" disabled={busy}>
            {t(mode === 'signIn' ? 'signIn.submit' : 'signIn.register')}
          </button>
        </form>
        <p>
          {mode === 'signIn' ? t('signIn.noAccount') + ' ' : ''}
          <button class="link" onClick={() => setMode(mode === 'signIn' ? 'register' : 'signIn')}>
            {t(mode === 'signIn' ? 'signIn.create' : 'signIn.haveAccount')}
          </button>
        </p>
      </div>
    </div>
  );
}
