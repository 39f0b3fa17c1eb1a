/** Where the admin app shows each registry record; a page links to the others through these. */
import { createContext, useContext } from 'react';

export interface RegistryPaths {
  household: (id: string) => string;
  cadre: (id: string) => string;
  entity: (id: string) => string;
}

export const RegistryPathsContext = createContext<RegistryPaths>({
  household: (id) => `/admin/households/${id}`,
  cadre: (id) => `/admin/cadres/${id}`,
  entity: (id) => `/admin/entities/${id}`,
});

export const useRegistryPaths = () => useContext(RegistryPathsContext);
