import { collection, onSnapshot, orderBy, query } from 'firebase/firestore';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '@model/paths';
import type { ChainSummary, MemberDoc } from '@model/chain';
import { ROLES, type Role } from '@model/roles';
import { call, CallError, errorText } from '../api';
import { db } from '../firebase';
import { t } from '../i18n';
import { user, refreshChains } from '../state';
import { Banner, Field, TextField } from '../ui/forms';

function RoleSelect({ id, value, onChange, disabled, label }: { id?: string; value: Role; onChange: (r: Role) => void; disabled?: boolean; label?: string }) {
  return (
    <select id={id} value={value} disabled={disabled} aria-label={label} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {ROLES.map((r) => (
        <option value={r}>{t(`role.${r}`)}</option>
      ))}
    </select>
  );
}

export function Members({ chain }: { chain: ChainSummary }) {
  const [members, setMembers] = useState<MemberDoc[] | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const isOwner = chain.role === 'owner';

  useEffect(() => {
    const q = query(collection(db, paths.members(chain.chainId)), orderBy('displayName'));
    return onSnapshot(
      q,
      (snap) => setMembers(snap.docs.map((d) => d.data() as MemberDoc)),
      () => setMembers([]),
    );
  }, [chain.chainId]);

  async function change(input: Record<string, unknown>, ok: string) {
    setErrors({});
    setMessage(null);
    try {
      await call('setMember', { chainId: chain.chainId, ...input });
      setMessage({ kind: 'ok', text: ok });
      if (input.uid === user.value?.uid) await refreshChains();
      return true;
    } catch (err) {
      if (err instanceof CallError) setErrors(err.byField());
      setMessage({ kind: 'error', text: errorText(err) });
      return false;
    }
  }

  async function add(e: Event) {
    e.preventDefault();
    if (await change({ email, role }, t('members.added', { email }))) setEmail('');
  }

  return (
    <section class="card">
      <h1>{t('members.title')}</h1>
      {message && <Banner kind={message.kind}>{message.text}</Banner>}
      {!isOwner && <p class="muted">{t('members.ownersOnly')}</p>}
      {members === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <table class="table" aria-label={t('members.title')}>
          <tbody>
            {members.map((m) => (
              <tr key={m.uid} data-member={m.email}>
                <td>
                  {m.displayName || m.email} {m.uid === user.value?.uid && <span class="muted">{t('members.you')}</span>}
                </td>
                <td>{m.email}</td>
                <td>
                  {isOwner ? (
                    <RoleSelect
                      value={m.role}
                      label={`${t('members.role')} ${m.email}`}
                      onChange={(r) => void change({ uid: m.uid, role: r }, t('members.updated'))}
                    />
                  ) : (
                    t(`role.${m.role}`)
                  )}
                </td>
                <td>
                  {isOwner && (
                    <button
                      class="danger"
                      onClick={() => {
                        if (confirm(t('members.removeConfirm', { name: m.displayName || m.email })))
                          void change({ uid: m.uid, role: null }, t('members.removed'));
                      }}
                    >
                      {t('members.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isOwner && (
        <form onSubmit={add} class="inline-form" aria-label={t('members.add')}>
          <h2>{t('members.add')}</h2>
          <TextField label={t('members.email')} type="email" value={email} onValue={setEmail} error={errors.email} required />
          <Field label={t('members.role')} error={errors.role}>
            {(id) => <RoleSelect id={id} value={role} onChange={setRole} />}
          </Field>
          <button type="submit" class="primary">
            {t('members.add')}
          </button>
        </form>
      )}
    </section>
  );
}
