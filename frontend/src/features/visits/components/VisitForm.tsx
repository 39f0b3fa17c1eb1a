import { Button, Checkbox, Form, Input, Radio, TextArea, Toast, Space } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { isKind, problemMessage } from '@/lib/api/problemWords';
import { RefusedNotice } from '@/lib/forms/RefusedNotice';
import { useRevealErrors } from '@/lib/forms/revealError';
import { newId } from '@/lib/ids';
import type { Rejection } from '@/lib/offline/db';
import { DAY_MS } from '@/lib/time';

import {
  BACKDATE_DAYS,
  CONTENT_FIELDS,
  FEW_CHARS,
  RISK_FLAGS,
  VISIT_MODES,
  queueVisit,
  recordsSomething,
  visitBody,
  visitValuesOf,
  type VisitIn,
  type VisitValues,
} from '../api/visits';
import { useLocation } from '../hooks/useLocation';
import { useStoredPhotos } from '../hooks/useStoredPhotos';
import { LocationField } from './LocationField';
import { PhotoPicker } from './PhotoPicker';

interface Props {
  householdId: string;
  householdLabel: string;
  /** a queued visit being corrected: its id, body and the server's reason */
  initial?: { id: string; body: VisitIn; rejection: Rejection | null };
  onQueued: (id: string) => void;
}

const NOTE_MAX = 2000;
const MAX_NEEDS = 20;
const NEED_MAX = 200;
const FUTURE_SLACK_MS = 5 * 60 * 1000;
const BACKDATE_REASON_MAX = 200;

/** Where the rule "a visit records something" shows: a line just above the save button. */
function ContentNote({ children }: { children: React.ReactNode; value?: unknown }) {
  return <div className="hint">{children}</div>;
}

/** Log a visit (or correct a refused one). It is kept on the phone first and sent when possible. */
export function VisitForm({ householdId, householdLabel, initial, onQueued }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VisitValues>();
  const initialValues = useMemo(() => visitValuesOf(initial?.body), [initial]);
  const initialFix = useMemo(
    () =>
      initial?.body.latitude != null && initial.body.longitude != null
        ? {
            latitude: initial.body.latitude,
            longitude: initial.body.longitude,
            accuracy_m: initial.body.accuracy_m ?? 0,
          }
        : null,
    [initial],
  );
  const { location, locate, clear } = useLocation(initialFix);
  // A correction shows the photos kept with it.
  const [photos, setPhotos] = useStoredPhotos(initial?.body.photo_ids);
  const [saving, setSaving] = useState(false);
  const occurredAt = Form.useWatch('occurredAt', form) ?? initialValues.occurredAt;
  const [openedAt] = useState(() => Date.now());
  const late = openedAt - new Date(occurredAt).getTime() > BACKDATE_DAYS * DAY_MS;
  const { ref, revealErrors } = useRevealErrors();

  // A visit the server refused opens with the reason in view, and an empty one marked where its
  // words go (the rule's line above the button).
  useEffect(() => {
    if (!initial?.rejection) return;
    if (isKind(initial.rejection.problem, 'emptyVisit'))
      form.setFields([{ name: 'content', errors: [t('visit.errors.empty', { n: FEW_CHARS })] }]);
    revealErrors();
  }, [initial, form, t, revealErrors]);

  const submit = async (values: VisitValues) => {
    const fix = location.state === 'fixed' ? location.fix : null;
    const body = visitBody({
      householdId,
      values,
      photoIds: photos.map((p) => p.sha256),
      fix,
      late,
    });
    // A visit refused because the server holds another body under that id goes under a new one.
    const id =
      initial && !isKind(initial.rejection?.problem, 'sameIdOtherBody') ? initial.id : newId();
    setSaving(true);
    try {
      await queueVisit({
        id,
        body,
        label: householdLabel,
        newPhotos: photos.flatMap((p) => (p.file ? [p.file] : [])),
      });
      Toast.show({
        content: navigator.onLine ? t('visit.saved') : t('visit.savedOffline'),
        icon: 'success',
      });
      onQueued(id);
    } catch {
      Toast.show({ content: t('visit.saveFailed'), icon: 'fail' });
    } finally {
      setSaving(false);
    }
  };

  const noteRule = { max: NOTE_MAX, message: t('visit.errors.tooLong', { max: NOTE_MAX }) };
  const note = (minRows: number) => (
    <TextArea autoSize={{ minRows }} maxLength={NOTE_MAX} showCount />
  );

  return (
    <div ref={ref}>
      <Form
        form={form}
        name="visit"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        onFinishFailed={revealErrors}
        footer={
          <Button block type="submit" color="primary" size="large" loading={saving}>
            {t('visit.submit')}
          </Button>
        }
      >
        {initial?.rejection && (
          <RefusedNotice
            text={t('visit.rejectedBecause', {
              reason: problemMessage(initial.rejection.problem, t),
            })}
          />
        )}
        <Form.Header>{t('visit.for', { name: householdLabel })}</Form.Header>
        <Form.Item
          name="mode"
          label={t('visit.mode')}
          rules={[{ required: true, message: t('visit.errors.mode') }]}
        >
          <Radio.Group>
            <Space wrap>
              {VISIT_MODES.map((mode) => (
                <Radio key={mode} value={mode}>
                  {t(`enums.visitMode.${mode}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t('visit.occurredAt')}
          rules={[
            { required: true, message: t('visit.errors.occurredAt') },
            {
              validator: async (_rule, value: string) => {
                if (value && new Date(value).getTime() > Date.now() + FUTURE_SLACK_MS)
                  throw new Error(t('visit.errors.future'));
              },
            },
          ]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        {late && (
          <Form.Item
            name="backdateReason"
            label={t('visit.backdateReason')}
            help={t('visit.backdateHelp', { days: BACKDATE_DAYS })}
            rules={[
              { required: true, whitespace: true, message: t('visit.errors.backdateReason') },
              { min: 2, max: BACKDATE_REASON_MAX, message: t('visit.errors.backdateReason') },
            ]}
          >
            <TextArea autoSize={{ minRows: 1 }} maxLength={BACKDATE_REASON_MAX} showCount />
          </Form.Item>
        )}
        <Form.Header>{t('visit.observations')}</Form.Header>
        <Form.Item name="income" label={t('visit.observation.income')} rules={[noteRule]}>
          {note(2)}
        </Form.Item>
        <Form.Item name="employment" label={t('visit.observation.employment')} rules={[noteRule]}>
          {note(1)}
        </Form.Item>
        <Form.Item name="housing" label={t('visit.observation.housing')} rules={[noteRule]}>
          {note(1)}
        </Form.Item>
        <Form.Item
          name="health"
          label={t('visit.observation.health')}
          help={t('visit.sensitive')}
          rules={[noteRule]}
        >
          {note(1)}
        </Form.Item>
        <Form.Header>{t('visit.followUp')}</Form.Header>
        <Form.Item
          name="needs"
          label={t('visit.needs')}
          help={t('visit.needsHelp', { max: MAX_NEEDS })}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                const lines = (value ?? '').split('\n').filter((line) => line.trim());
                if (lines.length > MAX_NEEDS)
                  throw new Error(t('visit.errors.tooManyNeeds', { max: MAX_NEEDS }));
                if (lines.some((line) => line.trim().length > NEED_MAX))
                  throw new Error(t('visit.errors.needTooLong', { max: NEED_MAX }));
              },
            },
          ]}
        >
          <TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('visit.actionsTaken')} rules={[noteRule]}>
          {note(1)}
        </Form.Item>
        <Form.Item name="actionsPromised" label={t('visit.actionsPromised')} rules={[noteRule]}>
          {note(1)}
        </Form.Item>
        <Form.Item name="riskFlags" label={t('visit.riskFlags')} help={t('visit.sensitive')}>
          <Checkbox.Group>
            <Space wrap>
              {RISK_FLAGS.map((flag) => (
                <Checkbox key={flag} value={flag}>
                  {t(`enums.riskFlag.${flag}`)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Header>{t('visit.photosAndPlace')}</Form.Header>
        <Form.Item label={t('visit.photos.label')}>
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </Form.Item>
        <Form.Item label={t('visit.location.label')}>
          <LocationField location={location} locate={locate} clear={clear} />
        </Form.Item>
        <Form.Item
          name="content"
          dependencies={[...CONTENT_FIELDS]}
          rules={[
            {
              validator: async () => {
                if (!recordsSomething(form.getFieldsValue()))
                  throw new Error(t('visit.errors.empty', { n: FEW_CHARS }));
              },
            },
          ]}
        >
          <ContentNote>{t('visit.contentHint', { n: FEW_CHARS })}</ContentNote>
        </Form.Item>
      </Form>
    </div>
  );
}
