// The customer form's state: text inputs as strings, turned into the shared schema's input.
import { CustomerFields, EMPTY_ADDRESS, EMPTY_PHONES, type ConsentInput, type CustomerDoc, type CustomerFieldsInput } from '@model/customer';
import { validate, type FieldProblem } from '@model/issues';
import type { Lang } from '@model/lang';

type Strings<T> = { [K in keyof T]: string };

export interface FormState {
  f: Strings<Omit<CustomerFieldsInput, 'phones' | 'address' | 'address2' | 'customFields' | 'tags' | 'discount'>> & {
    phones: Strings<typeof EMPTY_PHONES>;
    address: Strings<typeof EMPTY_ADDRESS>;
    address2: Strings<typeof EMPTY_ADDRESS>;
    customFields: Record<string, string>;
    tags: string;
    discount: string;
  };
  consent: Required<ConsentInput>;
}

export function emptyForm(): FormState {
  return {
    f: {
      firstName: '',
      lastName: '',
      title: '',
      company: '',
      companyRegistrationNumber: '',
      vatNumber: '',
      taxId: '',
      birthDate: '',
      language: '',
      email: '',
      email2: '',
      website: '',
      customerTypeId: '',
      salesTax: '',
      custom: '',
      notes: '',
      phones: { ...EMPTY_PHONES },
      address: { ...EMPTY_ADDRESS },
      address2: { ...EMPTY_ADDRESS },
      customFields: {},
      tags: '',
      discount: '',
    },
    consent: { email: false, postalMail: false, phone: false },
  };
}

export function formFromDoc(doc: CustomerDoc): FormState {
  const form = emptyForm();
  for (const key of Object.keys(form.f) as (keyof FormState['f'])[]) {
    const value = (doc as unknown as Record<string, unknown>)[key];
    if (key === 'tags') form.f.tags = (doc.tags ?? []).join(', ');
    else if (key === 'discount') form.f.discount = doc.discount === null || doc.discount === undefined ? '' : String(doc.discount);
    else if (key === 'phones' || key === 'address' || key === 'address2' || key === 'customFields')
      (form.f as Record<string, unknown>)[key] = { ...(form.f[key] as object), ...(value as object) };
    else if (typeof value === 'string') (form.f as Record<string, unknown>)[key] = value;
  }
  form.consent = {
    email: doc.consent?.email?.granted ?? false,
    postalMail: doc.consent?.postalMail?.granted ?? false,
    phone: doc.consent?.phone?.granted ?? false,
  };
  return form;
}

/** The input the shared schema (and the callable) expects. */
export function toInput(form: FormState): CustomerFieldsInput {
  const { tags, discount, customFields, ...rest } = form.f;
  const d = discount.trim().replace(',', '.');
  return {
    ...rest,
    tags: tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    discount: d === '' ? null : Number.isNaN(Number(d)) ? (d as unknown as number) : Number(d),
    customFields: Object.fromEntries(Object.entries(customFields).filter(([, v]) => v.trim() !== '')),
  } as CustomerFieldsInput;
}

/** The same validation as the server, client-side, with messages in the UI language. */
export function check(form: FormState, lang: Lang): FieldProblem[] {
  const result = validate(CustomerFields, toInput(form), lang);
  return result.ok ? [] : result.problems;
}
