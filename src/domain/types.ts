/**
 * The records of the Realtime Database, exactly as stored (docs/data-model.md).
 * Times are epoch milliseconds from the server clock. Record types that are written with a
 * server time take a parameter `T`: `number` when read back, `Time` when built for a patch.
 * Colour and size are values inside line objects, never database keys.
 */

declare const brand: unique symbol;
/** A string that has been checked to be a key of one kind. */
export type Brand<B extends string> = string & { readonly [brand]: B };

/** An order's id: one push id for life, the same in every collection (a retailer order's too). */
export type OrderId = Brand<'OrderId'>;
/** A stock key: `skuId(productId, color, size)`, reversible and key-safe. */
export type SkuId = Brand<'SkuId'>;
/** A party (customer) id. */
export type PartyId = Brand<'PartyId'>;
/** A catalogue product id. */
export type ProductId = Brand<'ProductId'>;
/** A Firebase Auth uid. */
export type Uid = Brand<'Uid'>;
/** The push id of one billing event in `sent`. */
export type SentId = Brand<'SentId'>;
/** The push id of one stock ledger entry. */
export type LedgerId = Brand<'LedgerId'>;
/** The push id of one audit entry. */
export type AuditId = Brand<'AuditId'>;

/** The Realtime Database server-timestamp placeholder, resolved by the server on write. */
export type ServerTimestamp = { readonly '.sv': 'timestamp' };
/** A time as written in a patch: known epoch ms, or the server's clock. */
export type Time = number | ServerTimestamp;

/** One order line. `qty` is a whole number ≥ 1 in stored records. */
export type Line = { productId: ProductId; color: string; size: string; qty: number };

/** One colour of a product; `mrp` lists MRPs (integer paise) by size name, never keyed by size. */
export type CatalogColor = { code: string; name: string; swatch: string; mrp?: { size: string; paise: number }[] };
/**
 * `catalog/{productId}`; `code`: an optional short human code ("HIP-014") shown with the name;
 * `updatedAt`: the server's time of its last change (absent before the migration).
 */
export type Product = { name: string; code?: string; sizes: string[]; colors: CatalogColor[]; active: boolean; updatedAt?: number };

/** `parties/{partyId}`; `updatedAt` as for products. */
export type Party = { name: string; area: string; phone?: string; email?: string; address?: string; gstin?: string; updatedAt?: number };

/** `stock/{skuId}`: `ledgerId` names the ledger entry written with the last change of `qty`. */
export type StockRecord = { productId: ProductId; color: string; size: string; qty: number; updatedAt: number; ledgerId: LedgerId };
/** Why stock changed. */
export type StockReason = 'import' | 'adjust' | 'bill';
/**
 * `stockLedger/{ledgerId}`: one change of one SKU. `after = before + delta` (the rules check it
 * against the stored qty). A bill records `billed` and the `shortfall` it could not take from stock.
 */
export type LedgerEntry<T extends Time = number> = {
  skuId: SkuId;
  reason: StockReason;
  before: number;
  delta: number;
  actor: Uid;
  at: T;
  orderId?: OrderId;
  sentId?: SentId;
  billed?: number;
  shortfall?: number;
  note?: string;
  /** An import's `stockImports/{importId}` record, written in the same patch. */
  importId?: string;
};

/** Who placed the order. */
export type OrderSource = 'staff' | 'retailer';

/** Fields every order record carries, copied unchanged between collections. */
export type OrderBase<T extends Time = number> = {
  /** 'K12': 'K' + the counter, unique, never reused. */
  number: string;
  partyId: PartyId;
  /** The party's name when the order was placed (display only; partyId is the reference). */
  partyName: string;
  note: string;
  source: OrderSource;
  createdAt: T;
  createdBy: Uid;
  /** What sits in this collection now (normalised, every qty ≥ 1, never empty). */
  lines: Line[];
  /** The lines as first placed; identical in every record of the order. */
  ordered: Line[];
};

/**
 * `orders/{orderId}`: the pending part. `expiresAt` overrides the default deadline; `picked` is
 * picking progress (≤ lines). `updatedAt` is the server's time of the last write
 * that created or changed it (every transition stamps it; the rules require it): devices resume
 * their saved copy of pending orders from it. Records stored before it existed may lack it until
 * `npm run migrate` adds it.
 */
export type PendingRecord<T extends Time = number> = OrderBase<T> & { expiresAt?: number; picked?: Line[]; revertedAt?: T; revertedBy?: Uid; updatedAt?: T };
/** `billing/{orderId}`: the part sent to billing and not billed yet. */
export type BillingRecord<T extends Time = number> = OrderBase<T> & { remarks: string; queuedAt: T; queuedBy: Uid };
/** Delivery state of a billing event. */
export type DeliveryStatus = 'undelivered' | 'delivered';
/** `sent/{sentId}`: one billing event of order `orderId`; `lines` are the billed quantities. */
export type SentRecord<T extends Time = number> = OrderBase<T> & {
  orderId: OrderId;
  billedAt: T;
  billedBy: Uid;
  remarks: string;
  deliveryStatus: DeliveryStatus;
};
/** Where deleted quantities came from. */
export type DeletedFrom = 'pending' | 'billing' | 'both';
/** `deleted/{orderId}`: quantities deleted (revertable). */
export type DeletedRecord<T extends Time = number> = OrderBase<T> & { reason: string; deletedAt: T; deletedBy: Uid; from: DeletedFrom };
/** `expired/{orderId}`: pending quantities that passed their deadline `expiresAt`. */
export type ExpiredRecord<T extends Time = number> = OrderBase<T> & { expiredAt: T; expiresAt: number };

/** What the retailer sees of their order. */
export type RetailerOrderStatus = 'submitted' | 'rejected' | 'approved' | 'inBilling' | 'partlySent' | 'sent' | 'cancelled' | 'expired';
/** `retailerOrders/{orderId}`: written by the portal; approval reuses its id as the order id. */
export type RetailerOrder<T extends Time = number> = {
  retailerUid: Uid;
  partyId: PartyId;
  note: string;
  lines: Line[];
  createdAt: T;
  status: RetailerOrderStatus;
  /** The retailer's own reference for the order (1..40 characters), when they gave one. */
  reference?: string;
  orderNumber?: string;
  decidedBy?: Uid;
  decidedAt?: T;
  rejectReason?: string;
  /** The deciding admin's name, for the retailer's timeline (they cannot read users). */
  decidedByName?: string;
  /** Progress written by the transitions (src/domain/tracking.ts). */
  pickingAt?: T;
  billingAt?: T;
  endedAt?: T;
  dispatches?: Record<string, RetailerDispatch<T>>;
  /** Lines the admin changed at approval, by line key (src/domain/adjustment.ts); with `adjustReason`. */
  adjustments?: Adjustments;
  adjustReason?: string;
};
/** One billing event of a retailer order as the retailer sees it (`retailerOrders/{id}/dispatches/{sentId}`). */
export type RetailerDispatch<T extends Time = number> = { at: T; lines: Line[]; deliveredAt?: T };

/** One line changed at approval: its index in the request's `lines`, what was asked and what was approved (0: removed). */
export type AdjustEntry = { line: number; from: number; to: number };
/** `retailerOrders/{id}/adjustments`: changed lines by line key. */
export type Adjustments = Record<string, AdjustEntry>;

/** A user's role. */
export type Role = 'admin' | 'staff' | 'retailer';
/** A user's account state. */
/** A user's account state; `disabled` (retailers) is cut off like `removed`, and an admin may enable it again. */
export type UserStatus = 'pending' | 'active' | 'removed' | 'disabled';
/** `users/{uid}`: `partyId` is present exactly for retailers. */
export type UserRecord = { name: string; email: string; role: Role; status: UserStatus; partyId?: PartyId };

/** What an audit entry records. */
export type AuditAction =
  | 'place'
  | 'approve'
  | 'reject'
  | 'pick'
  | 'sendToBilling'
  | 'remarks'
  | 'bill'
  | 'delivery'
  | 'delete'
  | 'revert'
  | 'expire'
  | 'purge'
  | 'archive';
/** `audit/{auditId}`: append-only; `rev` is the order revision the change produced. */
export type AuditEntry<T extends Time = number> = {
  action: AuditAction;
  orderId: OrderId;
  actor: Uid;
  at: T;
  rev: number;
  lines?: Line[];
  detail?: string;
};

/** The collections whose records are counted in `counts/{collection}` (Home's Pending and In billing tiles). */
export type CountedCollection = 'orders' | 'billing';

/**
 * `counts/{collection}`: how many records the collection holds (`n`), and the order whose record
 * last appeared in it or left it (`by`), written with that order's transition.
 */
export type RecordCount = { n: number; by: OrderId };

/** Everything the client read about one order: its revision (0 when absent) and its records. */
export type OrderState = {
  id: OrderId;
  rev: number;
  pending?: PendingRecord;
  billing?: BillingRecord;
  deleted?: DeletedRecord;
  expired?: ExpiredRecord;
};
