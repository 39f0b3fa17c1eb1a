import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useAreaNames } from '@/lib/names';
import { Pager, useCursors } from '@/lib/paging';
import { Failure, useWrite, WriteAlerts } from '@/lib/write';

import {
  lockEnds,
  unlockUser,
  userKeys,
  useUsers,
  type User,
  type UserFilters,
} from '../api/users';

/** 账号: the logins of the admin's area, filterable to those locked out by failed logins, each of
 * which the admin may unlock. */
export function UserList() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<UserFilters>({});
  const cursors = useCursors();
  const page = useUsers(filters, cursors.cursor);
  const users = page.data?.items ?? [];
  const areas = useAreaNames(users.map((u) => u.area_code));
  // The empty scope (the first admin an operator made) is everywhere, not an area.
  const areaName = (code: string) => (code === '' ? t('users.everywhere') : areas.place(code));
  const [unlocking, setUnlocking] = useState<User | null>(null);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('users.title')}</Typography.Title>
      <Radio.Group
        aria-label={t('users.show')}
        optionType="button"
        value={filters.locked ? 'locked' : 'all'}
        onChange={(e) => {
          setFilters(e.target.value === 'locked' ? { locked: true } : {});
          cursors.reset();
        }}
        options={[
          { value: 'all', label: t('users.all') },
          { value: 'locked', label: t('users.lockedOnly') },
        ]}
      />
      <Failure error={page.error} />
      <Table<User>
        rowKey="id"
        size="small"
        loading={page.isFetching}
        dataSource={users}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: filters.locked ? t('users.noneLocked') : t('users.none') }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'display_name' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: User['roles']) =>
              roles.map((role) => (
                <Tag key={role}>{t(`roles.${role as 'leader'}`, { defaultValue: role })}</Tag>
              )),
          },
          {
            title: t('users.area'),
            dataIndex: 'area_code',
            render: (code: string) => areaName(code),
          },
          {
            // The lock and its 解锁 together, kept in view on a phone while the rest scrolls.
            title: t('users.status'),
            key: 'status',
            fixed: 'right',
            render: (_, u) => (
              <Space size={4}>
                {u.locked_until ? (
                  <Tag color="red">
                    {t('users.lockedUntil', { time: lockEnds(u.locked_until) })}
                  </Tag>
                ) : null}
                {!u.active && <Tag>{t('users.inactive')}</Tag>}
                {!u.locked_until && u.active && <Tag color="green">{t('users.normal')}</Tag>}
                {u.locked_until && (
                  <Button size="small" type="primary" onClick={() => setUnlocking(u)}>
                    {t('users.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
      {unlocking && <UnlockModal user={unlocking} onClose={() => setUnlocking(null)} />}
    </Space>
  );
}

/** 解锁: asks first, then clears the lock and refreshes the lists; a refusal shows in the modal. */
function UnlockModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const write = useWrite(null);
  const submit = async () => {
    const unlocked = await write.run(() => unlockUser(user));
    if (unlocked === undefined) return;
    await client.invalidateQueries({ queryKey: userKeys.lists });
    onClose();
  };
  return (
    <Modal
      open
      title={t('users.unlockTitle')}
      okText={t('users.unlock')}
      cancelText={t('common.cancel')}
      confirmLoading={write.busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <WriteAlerts conflict={write.conflict} error={write.error} />
      <p>{t('users.unlockText', { name: user.display_name, username: user.username })}</p>
    </Modal>
  );
}
