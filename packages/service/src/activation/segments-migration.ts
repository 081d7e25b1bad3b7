/** Roster segments (docs/activation.md, Segments): ids from the tenant's list, never the reasons. */
export const sql = `
alter table audience add column if not exists segments text[] not null default '{}';
`;
