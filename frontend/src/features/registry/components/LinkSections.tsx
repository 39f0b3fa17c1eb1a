/** The three kinds of links as sections of the cadre's, the entity's and the household's pages. */
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';

import {
  DRIVE_MODES,
  createCadreEntityLink,
  createEntityHouseholdLink,
  createPairing,
  useCadreEntityLinks,
  useEntityHouseholdLinks,
  usePairings,
  type DriveMode,
} from '../api/links';
import { useLabels } from '@/lib/vocabularies';

import { CadreName, EntityName, HouseholdName } from './Names';
import { CadreSelect, EntitySelect, HouseholdSelect } from './pickers';
import { AddLinkButton, LinkTable } from './LinkTable';

/** 结对: on a cadre's page their households, on a household's page its cadre. */
export function PairingSection({
  owner,
  canWrite,
}: {
  owner: { cadre_id: string } | { household_id: string };
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const rows = usePairings(owner);
  const ofCadre = 'cadre_id' in owner;
  return (
    <LinkTable
      title={t('links.pairings')}
      kind="pairing"
      rows={rows.data ?? []}
      loading={rows.isFetching}
      canWrite={canWrite}
      other={
        ofCadre
          ? {
              title: t('links.household'),
              render: (row) => <HouseholdName id={row.household_id} />,
            }
          : { title: t('links.cadre'), render: (row) => <CadreName id={row.cadre_id} /> }
      }
      endLabel={() => t('links.pairing')}
      add={
        <AddLinkButton<{ cadre_id?: string; household_id?: string }>
          label={t('links.addPairing')}
          title={t('links.addPairing')}
          replaceHint={t('links.replacePairingHint')}
          create={(values) =>
            createPairing({ ...values, ...owner } as {
              cadre_id: string;
              household_id: string;
              started_on: string;
              replace_active: boolean;
            })
          }
        >
          {ofCadre ? (
            <Form.Item
              name="household_id"
              label={t('links.household')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <HouseholdSelect />
            </Form.Item>
          ) : (
            <Form.Item
              name="cadre_id"
              label={t('links.cadre')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <CadreSelect />
            </Form.Item>
          )}
        </AddLinkButton>
      }
    />
  );
}

/** 挂联: a cadre's entity (one at a time), or the cadres an entity has. */
export function CadreEntitySection({
  owner,
  canWrite,
}: {
  owner: { cadre_id: string } | { entity_id: string };
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const rows = useCadreEntityLinks(owner);
  const ofCadre = 'cadre_id' in owner;
  return (
    <LinkTable
      title={t('links.cadreEntity')}
      kind="cadreEntity"
      rows={rows.data ?? []}
      loading={rows.isFetching}
      canWrite={canWrite}
      other={
        ofCadre
          ? { title: t('links.entity'), render: (row) => <EntityName id={row.entity_id} /> }
          : { title: t('links.cadre'), render: (row) => <CadreName id={row.cadre_id} /> }
      }
      endLabel={() => t('links.cadreEntityOne')}
      add={
        <AddLinkButton<{ cadre_id?: string; entity_id?: string }>
          label={t('links.addCadreEntity')}
          title={t('links.addCadreEntity')}
          replaceHint={t('links.replaceCadreEntityHint')}
          create={(values) =>
            createCadreEntityLink({ ...values, ...owner } as {
              cadre_id: string;
              entity_id: string;
              started_on: string;
              replace_active: boolean;
            })
          }
        >
          {ofCadre ? (
            <Form.Item
              name="entity_id"
              label={t('links.entity')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <EntitySelect />
            </Form.Item>
          ) : (
            <Form.Item
              name="cadre_id"
              label={t('links.cadre')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <CadreSelect />
            </Form.Item>
          )}
        </AddLinkButton>
      }
    />
  );
}

/** 带动: the households an entity drives, or the entity driving a household, with the mode. */
export function EntityHouseholdSection({
  owner,
  canWrite,
}: {
  owner: { entity_id: string } | { household_id: string };
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const rows = useEntityHouseholdLinks(owner);
  const ofEntity = 'entity_id' in owner;
  return (
    <LinkTable
      title={t('links.entityHousehold')}
      kind="entityHousehold"
      rows={rows.data ?? []}
      loading={rows.isFetching}
      canWrite={canWrite}
      other={
        ofEntity
          ? {
              title: t('links.household'),
              render: (row) => <HouseholdName id={row.household_id} />,
            }
          : { title: t('links.entity'), render: (row) => <EntityName id={row.entity_id} /> }
      }
      extra={[
        {
          title: t('links.mode'),
          dataIndex: 'mode',
          render: (mode: DriveMode) => vocab.label('drive_mode', mode),
        },
      ]}
      endLabel={() => t('links.entityHouseholdOne')}
      add={
        <AddLinkButton<{ entity_id?: string; household_id?: string; mode: DriveMode }>
          label={t('links.addEntityHousehold')}
          title={t('links.addEntityHousehold')}
          replaceHint={t('links.replaceEntityHouseholdHint')}
          initial={{ mode: 'employment' }}
          create={(values) =>
            createEntityHouseholdLink({ ...values, ...owner } as {
              entity_id: string;
              household_id: string;
              mode: DriveMode;
              started_on: string;
              replace_active: boolean;
            })
          }
        >
          {ofEntity ? (
            <Form.Item
              name="household_id"
              label={t('links.household')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <HouseholdSelect />
            </Form.Item>
          ) : (
            <Form.Item
              name="entity_id"
              label={t('links.entity')}
              rules={[{ required: true, message: t('links.pickOne') }]}
            >
              <EntitySelect />
            </Form.Item>
          )}
          <Form.Item name="mode" label={t('links.mode')} rules={[{ required: true }]}>
            <Select options={vocab.options('drive_mode', DRIVE_MODES)} />
          </Form.Item>
        </AddLinkButton>
      }
    />
  );
}
