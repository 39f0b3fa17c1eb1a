/** A list of links (active first, ended ones kept as history), each active one endable by a writer. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal, useWrite } from '@/lib/write';

import { cadreKeys } from '../api/cadres';
import { today } from '../api/dates';
import { linkKeys, type LinkKind } from '../api/links';
import { EndLinkButton } from './EndLinkButton';

interface LinkRow {
  id: string;
  version: number;
  started_on: string;
  ended_on?: string | null;
  active: boolean;
}

export function LinkTable<T extends LinkRow>({
  title,
  kind,
  rows,
  loading,
  other,
  extra = [],
  canWrite,
  endLabel,
  add,
}: {
  title: string;
  kind: LinkKind;
  rows: T[];
  loading: boolean;
  other: { title: string; render: (row: T) => ReactNode };
  extra?: TableColumnsType<T>;
  canWrite: boolean;
  endLabel: (row: T) => string;
  add?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} extra={canWrite ? add : null} size="small">
      <Table<T>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('links.none') }}
        columns={[
          { title: other.title, key: 'other', render: (_, row) => other.render(row) },
          ...extra,
          { title: t('links.startedOn'), dataIndex: 'started_on' },
          {
            title: t('links.endedOn'),
            key: 'ended',
            render: (_, row) =>
              row.active ? <Tag color="green">{t('links.active')}</Tag> : row.ended_on,
          },
          ...(canWrite
            ? [
                {
                  title: t('regAdmin.actions'),
                  key: 'actions',
                  render: (_: unknown, row: T) =>
                    row.active && <EndLinkButton kind={kind} link={row} label={endLabel(row)} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export interface LinkStartForm {
  started_on: string;
  replace_active: boolean;
}

/** A button opening a form for a new link: the other side's fields, the start date, replace the active one or not. */
export function AddLinkButton<F extends object>({
  label,
  title,
  children,
  initial,
  create,
  replaceHint,
}: {
  label: string;
  title: string;
  children: ReactNode;
  initial?: Partial<F>;
  create: (values: F & LinkStartForm) => Promise<unknown>;
  replaceHint: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<F & LinkStartForm>();
  const write = useWrite(form);

  const submit = async (values: F & LinkStartForm) => {
    const done = await write.run(() => create(values));
    if (done !== undefined) {
      await Promise.all([
        client.invalidateQueries({ queryKey: linkKeys.all }),
        client.invalidateQueries({ queryKey: cadreKeys.each }),
      ]);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        type="primary"
        onClick={() => (write.clear(), form.resetFields(), setOpen(true))}
      >
        {label}
      </Button>
      {open && (
        <FormModal<F & LinkStartForm>
          title={title}
          form={form}
          write={{ ...write, conflict: false }}
          initialValues={{ started_on: today(), replace_active: false, ...initial } as never}
          onSave={submit}
          onClose={() => setOpen(false)}
        >
          {children}
          <Form.Item
            name="started_on"
            label={t('links.startedOn')}
            rules={[{ required: true, message: t('links.dateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="replace_active" valuePropName="checked" extra={replaceHint}>
            <Checkbox>{t('links.replaceActive')}</Checkbox>
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
