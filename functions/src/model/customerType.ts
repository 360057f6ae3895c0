// Customer types of a chain (e.g. Student, Employee, VIP) with a default discount and sales tax.
import { z } from 'zod';
import { Discount, LIMITS } from './customer';
import { DocId } from './ids';

export const CustomerTypeName = z.string().trim().min(1).max(63);

export const SaveCustomerTypeInput = z.strictObject({
  chainId: DocId,
  typeId: DocId.optional(),
  name: CustomerTypeName,
  discount: Discount.nullable().default(null),
  salesTax: z
    .string()
    .trim()
    .max(LIMITS.taxId - 1)
    .default(''),
});
export type SaveCustomerTypeInput = z.output<typeof SaveCustomerTypeInput>;

export const DeleteCustomerTypeInput = z.strictObject({
  chainId: DocId,
  typeId: DocId,
  /**
   * What happens to the customers of this type: absent, a type in use is not deleted
   * (`failed-precondition` with the count); `''` leaves them without a type; a type id moves them there.
   */
  reassignTo: z.union([z.literal(''), DocId]).optional(),
});
export type DeleteCustomerTypeInput = z.output<typeof DeleteCustomerTypeInput>;

/** `chains/{chainId}/customerTypes/{typeId}` */
export interface CustomerTypeDoc {
  name: string;
  discount: number | null;
  salesTax: string;
  createdAt: unknown;
  updatedAt: unknown;
}

/** A customer's own discount or sales tax overrides its type's. */
export function effectiveTerms(
  customer: { discount: number | null; salesTax: string },
  type: { discount: number | null; salesTax: string } | null | undefined,
): { discount: number | null; salesTax: string } {
  return {
    discount: customer.discount ?? type?.discount ?? null,
    salesTax: customer.salesTax || type?.salesTax || '',
  };
}

export const CustomFieldDef = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(63),
});
export const SetCustomFieldsInput = z.strictObject({
  chainId: DocId,
  fields: z.array(CustomFieldDef).max(30),
});
export type CustomFieldDef = z.infer<typeof CustomFieldDef>;
