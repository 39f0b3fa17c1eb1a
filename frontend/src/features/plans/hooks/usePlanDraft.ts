import { useEffect, useMemo, useState } from 'react';

import type { Problem } from '@/lib/api/problems';
import { isKind, savedByOthers } from '@/lib/api/problemWords';

import { baseVersionOf, bodyOfPlan, planValuesOf } from '../api/plans';
import { usePlan, useQueuedPlan } from './usePlan';

/** Someone else saved the plan first (a stale version), or made one while this phone made another (version required). */
const savedFirst = (problem: Problem | undefined) =>
  !!problem && (savedByOthers(problem) || isKind(problem, 'versionRequired'));

/**
 * What the plan form opens with: an update still on the phone (with its refusal, if any), else the
 * stored plan, and the version the edit starts from. After "someone else saved first" the plan is
 * read again before the form opens and the edit starts from the version now there, the phone's
 * values kept for the cadre to check. `initial` is null until it is ready.
 */
export function usePlanDraft(householdId: string, year: number) {
  const queued = useQueuedPlan(householdId, year);
  const rejection = queued?.entry.rejection ?? null;
  const reload = savedFirst(rejection?.problem);
  const { data: plan, isFetching, isLoading, refetch } = usePlan(householdId, year);

  const [reloaded, setReloaded] = useState(!reload);
  useEffect(() => {
    if (reload) void refetch().finally(() => setReloaded(true));
    // only on opening
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ready = reloaded && !isLoading && !(reload && isFetching);
  const initial = useMemo(
    () => (ready ? planValuesOf(queued?.body ?? (plan ? bodyOfPlan(plan) : null)) : null),
    // The form keeps its own state once open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready],
  );
  const baseVersion =
    queued && !reload ? baseVersionOf(queued.entry.context) : (plan?.version ?? null);
  return { initial, baseVersion, rejection, reload };
}
