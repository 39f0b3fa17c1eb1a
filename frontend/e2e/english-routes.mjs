// Every route of both apps that the English e2e (e2e/english.mjs) opens, by who opens it.
// A new screen adds its route here (`:household`, `:cadre`, `:entity`, `:visit` are the seeded
// records' ids, `:town` the seeded township); the test then fails if the screen shows Chinese
// outside data in English.
export const ENGLISH_ROUTES = {
  // The cadre's phone app (a phone's screen).
  cadre: [
    ['households', '/m'],
    ['household', '/m/households/:household'],
    ['visit-form', '/m/households/:household/visit'],
    ['visit', '/m/households/:household/visits/:visit'],
    ['plan', '/m/households/:household/plan'],
    ['happiness-form', '/m/households/:household/happiness'],
    ['outbox', '/m/outbox'],
    ['me', '/m/me'],
  ],
  // A township officer (desktop).
  officer: [
    ['dashboard', '/admin/dashboard'],
    ['households', '/admin/households'],
    ['household-new', '/admin/households/new'],
    ['household', '/admin/households/:household'],
    ['cadres', '/admin/cadres'],
    ['cadre', '/admin/cadres/:cadre'],
    ['entities', '/admin/entities'],
    ['entity', '/admin/entities/:entity'],
    ['areas', '/admin/areas'],
    ['imports', '/admin/imports'],
    ['alerts', '/admin/alerts'],
    ['needs', '/admin/needs'],
  ],
  // The county admin: what an officer sees, county wide, and the audit and accounts.
  admin: [
    ['dashboard', '/admin/dashboard'],
    ['households', '/admin/households'],
    ['household', '/admin/households/:household'],
    ['cadres', '/admin/cadres'],
    ['entities', '/admin/entities'],
    ['areas', '/admin/areas'],
    ['alerts', '/admin/alerts'],
    ['audit', '/admin/audit'],
    ['users', '/admin/users'],
    ['visits', '/admin/visits'],
    ['settings', '/admin/settings'],
    ['drill', '/admin/drill'],
    ['drill-town', '/admin/drill?area=:town'],
  ],
  // A leader (read only).
  leader: [
    ['dashboard', '/admin/dashboard'],
    ['households', '/admin/households'],
    ['household', '/admin/households/:household'],
    ['cadre', '/admin/cadres/:cadre'],
    ['entity', '/admin/entities/:entity'],
    ['areas', '/admin/areas'],
    ['needs', '/admin/needs'],
  ],
};
