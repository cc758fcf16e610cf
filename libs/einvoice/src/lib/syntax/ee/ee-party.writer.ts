import type {
  Contact,
  Identifier,
  PostalAddress,
} from '../../model/party.model';
import type { XmlWriter } from '../xml-writer';
import { GLN_SCHEME } from './ee-read.util';
import { writeExtension } from './ee-vat.util';

/** What an EE party record can hold (SellerPartyRecord / BillPartyRecord). */
export interface EePartyInput {
  readonly name: string;
  /** Identifiers: the first of scheme 0088 becomes GLN, the others PartyEN/PartyId. */
  readonly identifiers: readonly Identifier[];
  readonly regNumber?: string;
  /** SellerPartyRecord requires RegNumber: write it even when empty. */
  readonly regNumberRequired?: boolean;
  readonly vatRegNumber?: string;
  readonly contact?: Contact;
  readonly address?: PostalAddress;
  readonly accounts?: readonly {
    readonly accountNumber: string;
    readonly bic?: string;
  }[];
  readonly tradingName?: string;
  readonly additionalLegalInfo?: string;
  readonly electronicAddress?: Identifier;
  readonly taxRegId?: string;
}

/** AddressRecord (PostalAddress1 and City are mandatory) with the MailAddressEN extension. */
export function writeEeAddress(
  w: XmlWriter,
  a: PostalAddress | undefined,
): void {
  if (!a) return;
  w.group('MailAddress', () => {
    w.leaf('PostalAddress1', a.line1 ?? '');
    w.leaf('PostalAddress2', a.line2);
    w.leaf('City', a.city ?? '');
    w.leaf('PostalCode', a.postCode);
    writeExtension(
      w,
      'Extension',
      'MailAddressEN',
      'Additional address information for EN invoice.',
      () => {
        w.leaf('PostalAddress3', a.line3);
        w.leaf('CountrySubDivision', a.countrySubdivision);
        // CountryCode is mandatory inside MailAddressEN; only write the block when there is content.
        if (
          a.line3 !== undefined ||
          a.countrySubdivision !== undefined ||
          a.countryCode !== undefined
        ) {
          w.leaf('CountryCode', a.countryCode ?? '');
        }
      },
    );
  });
}

/** Writes an EE party element named `name`. */
export function writeEeParty(
  w: XmlWriter,
  elementName: string,
  p: EePartyInput,
): void {
  const gln = p.identifiers.find((id) => id.schemeId === GLN_SCHEME);
  const others = p.identifiers.filter((id) => id !== gln);
  w.group(
    elementName,
    () => {
      w.leaf('GLN', gln?.value);
      w.leaf('Name', p.name);
      w.leaf(
        'RegNumber',
        p.regNumber ?? (p.regNumberRequired ? '' : undefined),
      );
      w.leaf('VATRegNumber', p.vatRegNumber);
      const c = p.contact;
      w.group('ContactData', () => {
        w.leaf('ContactName', c?.name);
        w.leaf('PhoneNumber', c?.telephone);
        w.leaf('E-mailAddress', c?.email);
        writeEeAddress(w, p.address);
      });
      for (const a of p.accounts ?? []) {
        w.group('AccountInfo', () => {
          w.leaf('AccountNumber', a.accountNumber);
          w.leaf('BIC', a.bic);
        });
      }
      writeExtension(
        w,
        'Extension',
        'PartyEN',
        'Additional party information for EN invoice.',
        () => {
          w.leaf('TradingName', p.tradingName);
          w.leaf('AdditionalLegalInfo', p.additionalLegalInfo);
          for (const id of others)
            w.leaf('PartyId', id.value, { schemeId: id.schemeId });
          if (p.electronicAddress) {
            w.leaf('PartyElectronicAddress', p.electronicAddress.value, {
              schemeId: p.electronicAddress.schemeId ?? '',
            });
          }
          w.leaf('TaxRegId', p.taxRegId);
        },
      );
    },
    undefined,
    true,
  );
}
