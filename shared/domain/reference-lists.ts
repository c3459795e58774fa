/** The reference lists the DPO can edit in Settings. Defaults ship in resources/reference/lists.json. */
export const REFERENCE_LISTS = [
  'dataCategories',
  'dataSubjects',
  'recipients',
  'securityMeasures',
  'departments',
] as const;
export type ReferenceListName = (typeof REFERENCE_LISTS)[number];

export type ReferenceItem = Readonly<{
  list: ReferenceListName;
  code: string;
  labelFr: string;
  labelEn: string;
  sort: number;
  archived: boolean;
}>;

export type ReferenceLists = Readonly<Record<ReferenceListName, ReadonlyArray<ReferenceItem>>>;

export function referenceLabel(
  lists: ReferenceLists | undefined,
  list: ReferenceListName,
  code: string,
  lang: 'fr' | 'en',
): string {
  const item = lists?.[list].find((i) => i.code === code);
  if (!item) return code;
  return lang === 'fr' ? item.labelFr : item.labelEn;
}
