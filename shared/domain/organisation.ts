import { z } from 'zod';
import { PartySchema } from './register';
import { text } from './validation';

const Contact = z.object({
  name: text(200),
  role: text(200),
  company: text(200),
  address: text(500),
  email: text(200),
  phone: text(50),
});

/** Art. 30(1)(a): the controller, its representative, its EU representative, its DPO, joint controllers. */
export const OrganisationSchema = z.object({
  legalName: text(200),
  tradeName: text(200),
  address: text(500),
  postcode: text(20),
  city: text(100),
  country: text(100),
  registrationNumber: text(50),
  phone: text(50),
  email: text(200),
  representative: Contact,
  euRepresentative: Contact,
  dpo: Contact,
  jointControllers: z.array(PartySchema).max(20),
  isController: z.boolean(),
  isProcessor: z.boolean(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

const emptyContact = () => ({ name: '', role: '', company: '', address: '', email: '', phone: '' });

export function emptyOrganisation(): Organisation {
  return {
    legalName: '',
    tradeName: '',
    address: '',
    postcode: '',
    city: '',
    country: 'France',
    registrationNumber: '',
    phone: '',
    email: '',
    representative: emptyContact(),
    euRepresentative: emptyContact(),
    dpo: emptyContact(),
    jointControllers: [],
    isController: true,
    isProcessor: false,
  };
}

/** What the organisation profile still lacks for Art. 30(1)(a). */
export function organisationMissing(org: Organisation): string[] {
  const out: string[] = [];
  if (org.legalName.trim() === '') out.push('legalName');
  if (org.address.trim() === '') out.push('address');
  if (org.representative.name.trim() === '') out.push('representative');
  if (org.dpo.name.trim() === '' || (org.dpo.email.trim() === '' && org.dpo.phone.trim() === '')) out.push('dpo');
  return out;
}
