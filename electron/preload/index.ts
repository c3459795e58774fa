/**
 * The preload (CommonJS, sandboxed): exposes one frozen object, `window.dpo`, with one
 * function per contract channel and nothing else; no ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from '../../shared/channels';

const api = Object.freeze(
  Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args)])),
);

contextBridge.exposeInMainWorld('dpo', Object.freeze({ api, systemLanguage: navigator.language }));
