import { Form, Input, Radio, Space } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { CharCount } from '@/lib/forms/CharCount';

import { PAID_BY, type PlanValues } from '../api/plans';

/** The plan's supplementary medical insurance: insured or not, then (if insured) insurer, policy, period and who pays. */
export function InsuranceFields({
  form,
}: {
  form: ReturnType<typeof Form.useForm<PlanValues>>[0];
}) {
  const { t } = useTranslation();
  const insured = Form.useWatch('insured', form);
  const insurer = Form.useWatch('insurer', form);
  const policy = Form.useWatch('policyNumber', form);
  const required = (message: string) => ({ required: true, message });
  return (
    <>
      <Form.Header>{t('plan.insurance')}</Form.Header>
      <Form.Item name="insured" label={t('plan.insuredQuestion')}>
        <Radio.Group>
          <Space>
            <Radio value="yes">{t('plan.insured')}</Radio>
            <Radio value="no">{t('plan.uninsured')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {insured === 'yes' && (
        <>
          <Form.Item
            name="insurer"
            label={t('plan.insurer')}
            extra={<CharCount value={insurer} max={100} />}
            rules={[
              required(t('plan.errors.insurer')),
              { max: 100, message: t('visit.errors.tooLong', { max: 100 }) },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="policyNumber"
            label={t('plan.policyNumber')}
            extra={<CharCount value={policy} max={60} />}
            rules={[{ max: 60, message: t('visit.errors.tooLong', { max: 60 }) }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="startsOn"
            label={t('plan.startsOn')}
            rules={[required(t('plan.errors.period'))]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('plan.endsOn')}
            dependencies={['startsOn']}
            rules={[
              required(t('plan.errors.period')),
              {
                validator: async (_rule, value: string) => {
                  const starts = form.getFieldValue('startsOn') as string;
                  if (value && starts && value < starts)
                    throw new Error(t('plan.errors.endsBeforeStart'));
                },
              },
            ]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="paidBy" label={t('plan.paidByLabel')}>
            <Radio.Group>
              <Space wrap>
                {PAID_BY.map((who) => (
                  <Radio key={who} value={who}>
                    {t(`plan.paidBy.${who}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </>
  );
}
