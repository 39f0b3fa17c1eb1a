/** Selects that search the registry as one types: cadres, entities, households (areas and
 * departments: lib/pickers, shared by every feature). */
import { formatNamed } from '@/lib/format';
import { RemoteSelect, type PickerProps } from '@/lib/pickers';

import { searchCadres } from '../api/cadres';
import { searchEntities } from '../api/entities';
import { searchHouseholds } from '../api/households';

/** Active cadres only: an inactive one can be given no new link. */
export function CadreSelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="cadre"
      search={async (q) =>
        (await searchCadres({ q, active: true }, null)).items.map((c) => ({
          value: c.id,
          label: c.name,
        }))
      }
    />
  );
}

export function EntitySelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="entity"
      search={async (q) =>
        (await searchEntities({ q }, null)).items
          .filter((e) => e.status === 'active')
          .map((e) => ({ value: e.id, label: e.name }))
      }
    />
  );
}

/** By the head's or a member's name: exact, or a prefix while typing. */
export function HouseholdSelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="household"
      search={async (q) =>
        (await searchHouseholds({ name: q }, null)).items.map((h) => ({
          value: h.id,
          label: formatNamed(h.head_name, h.address),
        }))
      }
    />
  );
}
