/**
 * The channel names of the contract, with no dependency, so that the sandboxed preload can
 * build its bridge from them without bundling the schemas. contract.ts checks at compile
 * time that this list and the contract agree.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'app:setup',
  'settings:setLanguage',
  'org:get',
  'org:save',
  'register:list',
  'register:search',
  'register:get',
  'register:create',
  'register:update',
  'register:duplicate',
  'register:setStatus',
  'register:delete',
  'register:restore',
  'register:history',
  'trash:empty',
  'lists:get',
  'lists:saveItem',
  'dashboard:get',
  'backup:create',
  'backup:list',
  'backup:restore',
  'export:register',
  'export:list',
  'breach:list',
  'breach:new',
  'breach:get',
  'breach:create',
  'breach:update',
  'breach:step',
  'breach:journal',
  'breach:delete',
  'breach:restore',
  'breach:history',
  'breach:document',
  'breach:exportLog',
  'breach:settings',
  'breach:saveSettings',
  'checklist:get',
  'checklist:save',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The IPC channel used for a contract channel (a prefix the main side can check). */
export const ipcChannel = (name: string): string => `dpo:${name}`;
