/** database.rules.json: catalog, parties, barcodes. */
import { denseIndex } from './lists.ts';
import { ACTIVE, ID, STAFF, text, USER, type RuleTree } from './macros.ts';
import { stampedRecord, withTombstone } from './stamped.ts';

/** Most sizes a product has (LIMITS.sizes in src/domain/validate.ts), so most MRPs per colour. */
const MAX_SIZES = 40;
const indexes = Array.from({ length: MAX_SIZES }, (_, k) => String(k));
// From `colors/$i/mrp/$j/size`, five parents up is the product.
const SIZES = "newData.parent().parent().parent().parent().parent().child('sizes')";

/** One MRP of a colour: `{size, paise}`, the size one of the product's, each size once. */
const MRP_ENTRY: RuleTree = {
  '.validate': `${denseIndex('$j', MAX_SIZES)} && newData.hasChildren(['size', 'paise'])`,
  size: {
    '.validate': `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20 && (${indexes.map((k) => `${SIZES}.child('${k}').val() === newData.val()`).join(' || ')}) && ${indexes.map((k) => `($j === '${k}' || newData.parent().parent().child('${k}').child('size').val() !== newData.val())`).join(' && ')}`,
  },
  paise: { '.validate': 'newData.isNumber() && newData.val() >= 0 && newData.val() <= 100000000 && newData.val() % 1 === 0' },
  $other: { '.validate': false },
};

/** The server's time of the record's last change: every write that leaves the record sets it (its `.validate`). */
const UPDATED_AT: RuleTree = { '.validate': 'newData.isNumber()' };

// Resumed by the staff app from its saved copy (rules/stamped.ts): stamped, tombstoned on removal.
export const catalog: RuleTree = {
  ".read": `${ACTIVE}`,
  ".indexOn": ["updatedAt"],
  "$productId": withTombstone({ collection: 'catalog', id: '$productId' }, {
    ".write": `${ACTIVE} && (${USER}.child('role').val() === 'admin' || (${USER}.child('role').val() === 'staff' && !data.exists() && newData.exists() && newData.child('active').val() === true))`,
    ".validate": `$productId.length <= 128 && newData.hasChildren(['name', 'sizes', 'colors', 'active']) && ${stampedRecord}`,
    // Staff adding a colour (colors/$i below) stamp the product in the same write.
    "updatedAt": { ...UPDATED_AT, '.write': `${STAFF} && root.child('catalog').child($productId).child('active').val() === true && newData.exists()` },
    "name": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80 && newData.val().matches(/\\S/)`,
    },
    "sizes": {
      ".validate": `newData.hasChild('0')`,
      "$i": {
        ".validate": `$i.matches(/^([0-9]|[1-3][0-9])$/) && newData.isString() && newData.val().length >= 1 && newData.val().length <= 20 && !newData.val().matches(/^\\s|\\s$/) && ($i === '0' || ($i === '1' && newData.parent().hasChild('0')) || ($i === '2' && newData.parent().hasChild('1')) || ($i === '3' && newData.parent().hasChild('2')) || ($i === '4' && newData.parent().hasChild('3')) || ($i === '5' && newData.parent().hasChild('4')) || ($i === '6' && newData.parent().hasChild('5')) || ($i === '7' && newData.parent().hasChild('6')) || ($i === '8' && newData.parent().hasChild('7')) || ($i === '9' && newData.parent().hasChild('8')) || ($i === '10' && newData.parent().hasChild('9')) || ($i === '11' && newData.parent().hasChild('10')) || ($i === '12' && newData.parent().hasChild('11')) || ($i === '13' && newData.parent().hasChild('12')) || ($i === '14' && newData.parent().hasChild('13')) || ($i === '15' && newData.parent().hasChild('14')) || ($i === '16' && newData.parent().hasChild('15')) || ($i === '17' && newData.parent().hasChild('16')) || ($i === '18' && newData.parent().hasChild('17')) || ($i === '19' && newData.parent().hasChild('18')) || ($i === '20' && newData.parent().hasChild('19')) || ($i === '21' && newData.parent().hasChild('20')) || ($i === '22' && newData.parent().hasChild('21')) || ($i === '23' && newData.parent().hasChild('22')) || ($i === '24' && newData.parent().hasChild('23')) || ($i === '25' && newData.parent().hasChild('24')) || ($i === '26' && newData.parent().hasChild('25')) || ($i === '27' && newData.parent().hasChild('26')) || ($i === '28' && newData.parent().hasChild('27')) || ($i === '29' && newData.parent().hasChild('28')) || ($i === '30' && newData.parent().hasChild('29')) || ($i === '31' && newData.parent().hasChild('30')) || ($i === '32' && newData.parent().hasChild('31')) || ($i === '33' && newData.parent().hasChild('32')) || ($i === '34' && newData.parent().hasChild('33')) || ($i === '35' && newData.parent().hasChild('34')) || ($i === '36' && newData.parent().hasChild('35')) || ($i === '37' && newData.parent().hasChild('36')) || ($i === '38' && newData.parent().hasChild('37')) || ($i === '39' && newData.parent().hasChild('38'))) && ($i === '0' || newData.parent().child('0').val() !== newData.val()) && ($i === '1' || newData.parent().child('1').val() !== newData.val()) && ($i === '2' || newData.parent().child('2').val() !== newData.val()) && ($i === '3' || newData.parent().child('3').val() !== newData.val()) && ($i === '4' || newData.parent().child('4').val() !== newData.val()) && ($i === '5' || newData.parent().child('5').val() !== newData.val()) && ($i === '6' || newData.parent().child('6').val() !== newData.val()) && ($i === '7' || newData.parent().child('7').val() !== newData.val()) && ($i === '8' || newData.parent().child('8').val() !== newData.val()) && ($i === '9' || newData.parent().child('9').val() !== newData.val()) && ($i === '10' || newData.parent().child('10').val() !== newData.val()) && ($i === '11' || newData.parent().child('11').val() !== newData.val()) && ($i === '12' || newData.parent().child('12').val() !== newData.val()) && ($i === '13' || newData.parent().child('13').val() !== newData.val()) && ($i === '14' || newData.parent().child('14').val() !== newData.val()) && ($i === '15' || newData.parent().child('15').val() !== newData.val()) && ($i === '16' || newData.parent().child('16').val() !== newData.val()) && ($i === '17' || newData.parent().child('17').val() !== newData.val()) && ($i === '18' || newData.parent().child('18').val() !== newData.val()) && ($i === '19' || newData.parent().child('19').val() !== newData.val()) && ($i === '20' || newData.parent().child('20').val() !== newData.val()) && ($i === '21' || newData.parent().child('21').val() !== newData.val()) && ($i === '22' || newData.parent().child('22').val() !== newData.val()) && ($i === '23' || newData.parent().child('23').val() !== newData.val()) && ($i === '24' || newData.parent().child('24').val() !== newData.val()) && ($i === '25' || newData.parent().child('25').val() !== newData.val()) && ($i === '26' || newData.parent().child('26').val() !== newData.val()) && ($i === '27' || newData.parent().child('27').val() !== newData.val()) && ($i === '28' || newData.parent().child('28').val() !== newData.val()) && ($i === '29' || newData.parent().child('29').val() !== newData.val()) && ($i === '30' || newData.parent().child('30').val() !== newData.val()) && ($i === '31' || newData.parent().child('31').val() !== newData.val()) && ($i === '32' || newData.parent().child('32').val() !== newData.val()) && ($i === '33' || newData.parent().child('33').val() !== newData.val()) && ($i === '34' || newData.parent().child('34').val() !== newData.val()) && ($i === '35' || newData.parent().child('35').val() !== newData.val()) && ($i === '36' || newData.parent().child('36').val() !== newData.val()) && ($i === '37' || newData.parent().child('37').val() !== newData.val()) && ($i === '38' || newData.parent().child('38').val() !== newData.val()) && ($i === '39' || newData.parent().child('39').val() !== newData.val())`,
      },
    },
    "active": {
      ".validate": `newData.isBoolean()`,
    },
    // The optional human code (PRODUCT_CODE_PATTERN in src/domain/productLabel.ts): written with
    // the product, so only by whoever may write the product (admin; staff creating one).
    "code": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 20 && newData.val().matches(/^[A-Za-z0-9-]([A-Za-z0-9 -]*[A-Za-z0-9-])?$/)`,
    },
    "$other": {
      ".validate": false,
    },
    "colors": {
      ".validate": `newData.hasChild('0')`,
      "$i": {
        ".write": `${STAFF} && !data.exists() && newData.exists() && root.child('catalog').child($productId).child('active').val() === true && $i.matches(/^[1-9][0-9]?$/)`,
        ".validate": `newData.hasChildren(['code', 'name', 'swatch']) && $i.matches(/^([0-9]|[1-9][0-9])$/)`,
        "code": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 40 && !newData.val().matches(/^\\s|\\s$/)`,
        },
        "name": {
          ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 60 && newData.val().matches(/\\S/)`,
        },
        "swatch": {
          ".validate": `newData.isString() && newData.val().matches(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?( #[0-9a-fA-F]{3}([0-9a-fA-F]{3})?)?$/)`,
        },
        "mrp": {
          ".validate": `${USER}.child('role').val() === 'admin' && newData.hasChild('0')`,
          "$j": MRP_ENTRY,
        },
        "$other": {
          ".validate": false,
        },
      },
    },
  }),
};

export const parties: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["name","area","updatedAt"],
  "$partyId": withTombstone({ collection: 'parties', id: '$partyId' }, {
    ".read": `${ACTIVE} && ${USER}.child('partyId').val() === $partyId`,
    ".write": `${STAFF} && (!data.exists() || ${USER}.child('role').val() === 'admin')`,
    ".validate": `$partyId.length <= 128 && newData.hasChildren(['name', 'area']) && ${stampedRecord}`,
    "updatedAt": UPDATED_AT,
    "name": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 80 && newData.val().matches(/\\S/)`,
    },
    "area": {
      ".validate": `newData.isString() && newData.val().length >= 1 && newData.val().length <= 60 && newData.val().matches(/\\S/)`,
    },
    "phone": {
      ".validate": `newData.isString() && newData.val().length >= 6 && newData.val().length <= 20 && newData.val().matches(/^\\+?[0-9][0-9 -]*[0-9]$/)`,
    },
    "email": {
      ".validate": `newData.isString() && newData.val().length >= 3 && newData.val().length <= 254 && newData.val().matches(/^[^\\s@]+@[^\\s@]+$/)`,
    },
    "address": {
      ".validate": `newData.isString() && newData.val().length <= 300`,
    },
    "gstin": {
      ".validate": `newData.isString() && newData.val().length === 15 && newData.val().matches(/^[0-9]{2}[A-Z0-9]{13}$/)`,
    },
    "$other": {
      ".validate": false,
    },
  }),
};

export const barcodes: RuleTree = {
  ".read": `${STAFF}`,
  ".indexOn": ["skuId"],
  "$code": {
    ".write": `(${STAFF}) && (!data.exists() || !newData.exists() || data.child('skuId').val() === newData.child('skuId').val())`,
    // Stamped at the record, not only at its fields: a whole rewrite cannot keep another user's
    // updatedBy or an old updatedAt, whichever fields the engine re-validates.
    ".validate": `$code.length <= 192 && newData.hasChildren(['code', 'skuId', 'productId', 'color', 'size', 'updatedAt', 'updatedBy']) && newData.child('updatedBy').val() === auth.uid && newData.child('updatedAt').val() === now`,
    "code": {
      ".validate": text(1, 64),
    },
    "skuId": {
      ".validate": text(5, 768),
    },
    "productId": {
      ".validate": ID,
    },
    "color": {
      ".validate": text(1, 40),
    },
    "size": {
      ".validate": text(1, 20),
    },
    "updatedAt": {
      ".validate": `newData.val() === now`,
    },
    "updatedBy": {
      ".validate": `newData.val() === auth.uid`,
    },
    "$other": {
      ".validate": false,
    },
  },
};

