/** The words people type in the demo business: notes, remarks and reasons. */

/** The four reasons the original's delete dialog offers (reference 4.2). */
export const DELETE_PRESETS = ['Order placed by mistake', 'Duplicate order', 'Order cancelled by party', 'Order cancelled due to no stock in company'] as const;
/** Free-text delete reasons typed when no preset fits. */
export const DELETE_FREE_TEXT = ['Party closed the shop for renovation', 'Rate difference: party will reorder', 'Wrong party selected', 'Merged into the next order of the party'];
/** Why staff reject a retailer's request (the retailer sees this). */
export const REJECT_REASONS = [
  'Duplicate of an order you placed by phone',
  'Credit limit reached: please clear pending dues first',
  'These items are discontinued this season',
  'Minimum order is 12 pieces',
];
/** Order notes (most orders have none). */
export const ORDER_NOTES = ['Urgent', "Send with Tuesday's van", 'Deliver before Saturday', 'Party will collect from the godown', 'Pack colours separately', 'Same as last order', 'Call before delivery'];
/** Notes retailers add in the portal. */
export const RETAILER_NOTES = ['Please send soon', 'Need before the festival', 'Send with the regular van', 'Call me if any colour is short'];
/** Billing remarks. */
export const REMARKS = ['Transport: VRL Logistics', 'Cash party', 'Short items to follow', 'Sent by bus', 'Payment received in advance', 'Deliver to the new shop address'];
/** Notes on manual stock adjustments. */
export const ADJUST_NOTES = ['Physical recount', 'Damaged pieces removed', 'Returned by party', 'Found in the godown'];
