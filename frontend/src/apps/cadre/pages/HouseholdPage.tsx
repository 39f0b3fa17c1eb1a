import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { HouseholdDetails } from '@/features/caseload';
import { countyYear } from '@/lib/time';

import { householdSections, type SectionLinks } from '../householdSections';

export function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const open: SectionLinks = {
    year: countyYear(),
    queued: (entryId) => navigate(`/m/outbox/${encodeURIComponent(entryId)}`),
    visit: (visitId) => navigate(`/m/households/${id}/visits/${visitId}`),
    editPlan: () => navigate(`/m/households/${id}/plan`),
    addHappiness: () => navigate(`/m/households/${id}/happiness`),
  };
  return (
    <HouseholdDetails id={id}>
      {(household) => (
        <>
          <div className="actions">
            <Button
              block
              color="primary"
              size="large"
              onClick={() => navigate(`/m/households/${household.id}/visit`)}
            >
              {t('household.logVisit')}
            </Button>
          </div>
          {householdSections.map((section) => (
            <section key={section.key}>{section.render(household, open)}</section>
          ))}
        </>
      )}
    </HouseholdDetails>
  );
}
