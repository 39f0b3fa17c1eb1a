/**
 * A household's members, ID numbers masked; a writer adds, changes or removes one. Each change reads
 * the household whole (audited) and sends every member back with If-Match: the version on screen.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal, useWrite, WriteAlerts } from '@/lib/write';
import { useLabels } from '@/lib/vocabularies';

import { householdKeys, type Household } from '../api/households';
import {
  EMPLOYMENT,
  HEALTH,
  LABOUR,
  NEW_MEMBER,
  RELATIONS,
  changedMembers,
  householdWhole,
  memberFieldPlace,
  memberFormOf,
  putMembers,
  type Member,
  type MemberForm,
} from '../api/members';

type Change = { member: Member | null } | { remove: Member };

export function MemberSection({ household, canEdit }: { household: Household; canEdit: boolean }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const [change, setChange] = useState<Change | null>(null);
  return (
    <Card
      title={t('registry.memberList')}
      size="small"
      extra={
        canEdit && (
          <Button size="small" type="primary" onClick={() => setChange({ member: null })}>
            {t('registry.addMember')}
          </Button>
        )
      }
    >
      <Table<Member>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={household.members}
        columns={[
          { title: t('registry.name'), dataIndex: 'name' },
          {
            title: t('registry.relation'),
            dataIndex: 'relation',
            render: (r: Member['relation']) => vocab.label('relation', r),
          },
          { title: t('registry.idNumber'), dataIndex: 'id_number' },
          {
            title: t('registry.health'),
            dataIndex: 'health',
            render: (v: Member['health']) => vocab.label('health', v),
          },
          {
            title: t('registry.labour'),
            dataIndex: 'labour_ability',
            render: (v: Member['labour_ability']) => vocab.label('labour_ability', v),
          },
          {
            title: t('registry.employment'),
            dataIndex: 'employment',
            render: (v: Member['employment']) => vocab.label('employment', v),
          },
          {
            title: t('registry.resident'),
            dataIndex: 'resident',
            render: (v: boolean) => (v ? t('regAdmin.yes') : t('regAdmin.no')),
          },
          ...(canEdit
            ? [
                {
                  title: t('regAdmin.actions'),
                  key: 'actions',
                  render: (_: unknown, m: Member) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => setChange({ member: m })}
                        aria-label={t('members.editOne', { name: m.name })}
                      >
                        {t('registry.edit')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => setChange({ remove: m })}
                        aria-label={t('members.removeOne', { name: m.name })}
                      >
                        {t('registry.removeMember')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {change && 'remove' in change && (
        <RemoveMember
          household={household}
          member={change.remove}
          onClose={() => setChange(null)}
        />
      )}
      {change && 'member' in change && (
        <MemberModal household={household} member={change.member} onClose={() => setChange(null)} />
      )}
    </Card>
  );
}

/** Saves `members(whole)` on the version on screen; a 412 reloads the household for the form. */
function useMemberWrite(
  household: Household,
  form: ReturnType<typeof Form.useForm<MemberForm>>[0] | null,
  index: number | null,
) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const write = useWrite(form, {
    place: memberFieldPlace(index ?? household.members.length),
    onConflict: () => client.invalidateQueries({ queryKey: householdKeys.one(household.id) }),
  });
  const save = async (members: (whole: Household) => ReturnType<typeof changedMembers>) => {
    const saved = await write.run(async () => {
      const whole = await householdWhole(household.id, t('members.reason'));
      return putMembers(whole, household.version, members(whole));
    });
    if (saved) {
      client.setQueryData(householdKeys.one(household.id), saved);
      await client.invalidateQueries({ queryKey: householdKeys.lists });
    }
    return saved;
  };
  return { ...write, save };
}

function MemberModal({
  household,
  member,
  onClose,
}: {
  household: Household;
  member: Member | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const [form] = Form.useForm<MemberForm>();
  const index = member ? household.members.findIndex((m) => m.id === member.id) : null;
  const write = useMemberWrite(household, form, index);
  // After someone else's save, the fresh member (or a form for a new one) is shown to be changed again.
  const current = member ? household.members.find((m) => m.id === member.id) : undefined;
  useEffect(() => {
    if (current) form.setFieldsValue(memberFormOf(current));
  }, [current, form]);

  const submit = async (values: MemberForm) => {
    const saved = await write.save((whole) => {
      // The member's place in the whole record (the same order as on screen).
      const at = member ? whole.members.findIndex((m) => m.id === member.id) : null;
      return changedMembers(whole.members, { index: at === -1 ? null : at, form: values });
    });
    if (saved) onClose();
  };

  return (
    <FormModal<MemberForm>
      title={member ? t('members.editTitle', { name: member.name }) : t('members.addTitle')}
      form={form}
      write={write}
      initialValues={member ? memberFormOf(member) : NEW_MEMBER}
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('registry.name')}
        rules={[{ required: true, whitespace: true, max: 40, message: t('regAdmin.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="id_number"
        label={member ? t('members.newIdNumber') : t('registry.idNumber')}
        extra={member ? t('members.idKept', { shown: member.id_number }) : undefined}
        rules={
          member ? [] : [{ required: true, whitespace: true, message: t('regAdmin.required') }]
        }
      >
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <Form.Item name="relation" label={t('registry.relation')}>
        <Select options={vocab.options('relation', RELATIONS)} />
      </Form.Item>
      <Form.Item name="health" label={t('registry.health')}>
        <Select options={vocab.options('health', HEALTH)} />
      </Form.Item>
      <Form.Item name="labour_ability" label={t('registry.labour')}>
        <Select options={vocab.options('labour_ability', LABOUR)} />
      </Form.Item>
      <Form.Item name="employment" label={t('registry.employment')}>
        <Select options={vocab.options('employment', EMPLOYMENT)} />
      </Form.Item>
      <Form.Item name="resident" valuePropName="checked">
        <Checkbox>{t('registry.resident')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

function RemoveMember({
  household,
  member,
  onClose,
}: {
  household: Household;
  member: Member;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const write = useMemberWrite(household, null, null);
  const submit = async () => {
    if (await write.save((whole) => changedMembers(whole.members, { remove: member.id })))
      onClose();
  };
  return (
    <Modal
      open
      title={t('members.removeTitle')}
      okText={t('registry.removeMember')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={write.busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <WriteAlerts conflict={write.conflict} error={write.error} />
      <p>{t('members.removeText', { name: member.name })}</p>
    </Modal>
  );
}
