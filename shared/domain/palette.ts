import type { RegisterKind } from './enums';

/** One hit of the "go to" palette (issue 16): what it is, where it leads, how the DPO knows it. */
export type PaletteHit = Readonly<{
  type: 'record' | 'supplier' | 'transfer' | 'breach';
  id: string;
  kind?: RegisterKind;
  ref: string;
  title: string;
}>;
