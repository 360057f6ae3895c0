import { useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import type { CallInput } from '@model/callables';
import { ROLES, type Role } from '@model/roles';
import { call, CallError, errorText } from '../api';
import { useMembers } from '../data';
import { t } from '../i18n';
import { user, refreshChains } from '../state';
import { confirmDialog, focusFirstInvalid, notify } from '../ui/feedback';
import { Field, TextField } from '../ui/forms';

function RoleSelect({ id, value, onChange, disabled, label }: { id?: string; value: Role; onChange: (r: Role) => void; disabled?: boolean; label?: string }) {
  return (
    <select id={id} value={value} disabled={disabled} aria-label={label} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {ROLES.map((r) => (
        <option value={r}>{t(`role.${r}`)}</option>
      ))}
    </select>
  );
}

type Change = Omit<CallInput<'setMember'>, 'chainId'>;

export function Members({ chain }: { chain: ChainSummary }) {
  const members = useMembers(chain.chainId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A role picked in a row but not applied yet (the change is confirmed in a dialog first).
  const [draft, setDraft] = useState<Record<string, Role>>({});
  const isOwner = chain.role === 'owner';

  async function change(input: Change, ok: string) {
    setErrors({});
    try {
      await call('setMember', { chainId: chain.chainId, ...input });
      notify('ok', ok);
      if (input.uid === user.value?.uid) await refreshChains();
      return true;
    } catch (err) {
      if (err instanceof CallError) {
        setErrors(err.byField());
        focusFirstInvalid();
      }
      notify('error', errorText(err));
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
      {!isOwner && <p class="muted">{t('members.ownersOnly')}</p>}
      {members === undefined ? (
        <p>{t('common.loading')}</p>
      ) : (
        <table class="table members-table" aria-label={t('members.title')}>
          <thead>
            <tr>
              <th scope="col">{t('members.col.name')}</th>
              <th scope="col">{t('members.col.email')}</th>
              <th scope="col">{t('members.col.role')}</th>
              {isOwner && <th scope="col">{t('members.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const name = m.displayName || m.email;
              const picked = draft[m.uid] ?? m.role;
              return (
                <tr key={m.uid} data-member={m.email}>
                  <th scope="row">
                    {name} {m.uid === user.value?.uid && <span class="muted">{t('members.you')}</span>}
                  </th>
                  <td data-label={t('members.col.email')}>{m.email}</td>
                  <td data-label={t('members.col.role')}>
                    {isOwner ? (
                      <span class="role-edit">
                        <RoleSelect value={picked} label={`${t('members.role')} ${name}`} onChange={(r) => setDraft({ ...draft, [m.uid]: r })} />
                        {picked !== m.role && (
                          <button
                            class="primary"
                            onClick={async () => {
                              const roleName = t(`role.${picked}`);
                              const ok = await confirmDialog({
                                title: t('members.roleTitle'),
                                body: t('members.roleConfirm', { name, role: roleName }),
                                confirmLabel: t('members.roleApply'),
                              });
                              if (ok && (await change({ uid: m.uid, role: picked }, t('members.roleChanged', { name, role: roleName })))) {
                                const { [m.uid]: _, ...rest } = draft;
                                setDraft(rest);
                              }
                            }}
                          >
                            {t('members.roleApply')}
                          </button>
                        )}
                      </span>
                    ) : (
                      t(`role.${m.role}`)
                    )}
                  </td>
                  {isOwner && (
                    <td>
                      <button
                        class="danger"
                        onClick={async () => {
                          const ok = await confirmDialog({
                            title: t('members.removeTitle'),
                            body: t('members.removeConfirm', { name }),
                            confirmLabel: t('members.remove'),
                            danger: true,
                          });
                          if (ok) await change({ uid: m.uid, role: null }, t('members.removedNamed', { name }));
                        }}
                      >
                        {t('members.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {isOwner && (
        <form onSubmit={add} class="inline-form" aria-label={t('members.add')} noValidate>
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
